/// The lab: every problem of knowledge-base section 3 and the DNS, TLS, mTLS, IPv6,
/// redirect-loop and intermittent cases, on loopback. HTTP answers replay the recorded
/// responses of Playbooks/corpus byte for byte where one exists (sources cited there).
public enum LabCatalog {
    /// Names of the lab's DNS zone.
    public static let zone: [String: LabDNSResponder.ZoneAnswer] = [
        "app.lab.test": .addresses(["127.0.0.1"], ttl: 60),
        // Names of config.example.json's endpoints, modelled on the knowledge base.
        "shop.lab.test": .addresses(["127.0.0.1"], ttl: 300),
        "api.lab.test": .addresses(["127.0.0.1"], ttl: 60),
        "profile.lab.test": .addresses(["127.0.0.1"], ttl: 60),
        "dual.lab.test": .addresses(["127.0.0.1", "::1"], ttl: 60),
        "nx.lab.test": .nxdomain,
        "servfail.lab.test": .servfail,
    ]

    /// The endpoints; `corpus` reads a recorded response by file name (nil when missing).
    public static func endpoints(corpus: (String) -> [UInt8]?) -> [LabEndpoint] {
        func replay(_ file: String, fallback: LabBehavior) -> LabBehavior {
            corpus(file).map { .raw($0) } ?? fallback
        }
        let cognitoToken =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImxhYiJ9."
            + "eyJ0b2tlbl91c2UiOiJpZCIsImF1ZCI6IjNuNGI1dXJrMWZ0NGZsM21nNWU2MmQ5YWRvIiwiaXNzIjoiaHR0cHM6Ly9jb2duaXRvLWlkcC51cy1lYXN0LTEuYW1hem9uYXdzLmNvbS91cy1lYXN0LTFfTGFiIiwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "c2lnbmF0dXJl"  // token_use id, aud, exp 2100-01-01; signature is a placeholder
        let apigw: [(String, String)] = [
            ("Content-Type", "application/json"), ("x-amzn-RequestId", "0f6c1a52-lab0-4d6e-9a55-2b1f1a2b3c4d"),
            ("x-amz-apigw-id", "LaB0aBcDeFgHiJk="),
        ]
        return [
            LabEndpoint(name: "healthy", summary: "a healthy origin", target: .http(path: "/healthy"), expected: nil),
            LabEndpoint(
                name: "cloudfront-s3-oai-403",
                summary: "CloudFront + S3: the bucket policy lacks the OAI/OAC grant (KB 3.1)",
                target: .http(path: "/cloudfront-s3-oai-403"),
                behavior: replay("01-cloudfront-s3-origin-403-accessdenied-oac.http", fallback: .text(403, "AccessDenied")),
                expected: "cloudfront_s3_origin_access_denied"
            ),
            LabEndpoint(
                name: "cloudfront-geo-403",
                summary: "CloudFront geo restriction blocks the viewer's country (KB 3.1)",
                target: .http(path: "/cloudfront-geo-403"),
                behavior: replay("02-cloudfront-geo-restriction-403.http", fallback: .text(403, "geo")),
                expected: "cloudfront_geo_restriction"
            ),
            LabEndpoint(
                name: "alb-502-malformed",
                summary: "ALB 502: the target sent malformed response headers (KB 3.2)",
                target: .http(path: "/alb-502"),
                behavior: replay("26-alb-502-bad-gateway-2018-layout.http", fallback: .text(502, "bad gateway")),
                expected: "alb_target_malformed_response"
            ),
            LabEndpoint(
                name: "alb-503-no-targets",
                summary: "ALB 503: no healthy targets after a network change (KB 4.2)",
                target: .http(path: "/alb-503"),
                behavior: replay("28-alb-503-no-registered-targets.http", fallback: .text(503, "unavailable")),
                expected: "alb_no_healthy_targets"
            ),
            LabEndpoint(
                name: "apigw-429-usage-plan",
                summary: "API Gateway 429: the usage plan's rate limit (KB 3.3)",
                target: .http(path: "/apigw-429"),
                behavior: replay("49-apigw-rest-429-throttled.http", fallback: .text(429, "{\"message\":\"Too Many Requests\"}")),
                expected: "apigw_throttled"
            ),
            LabEndpoint(
                name: "apigw-400-multipart",
                summary: "API Gateway 400: a multipart upload without a boundary (KB 3.4)",
                target: .http(path: "/apigw-400-multipart"),
                behavior: .custom { r in
                    let ct = r.header("Content-Type")?.lowercased() ?? ""
                    return ct.hasPrefix("multipart/") && !ct.contains("boundary=")
                        ? .respond(
                            status: 400,
                            headers: apigw + [("x-amzn-ErrorType", "BadRequestException")],
                            body: Array("{\"message\": \"Invalid request body\"}".utf8)
                        )
                        : .respond(status: 200, headers: apigw, body: Array("{\"ok\":true}".utf8))
                },
                headers: ["Content-Type: multipart/form-data"],
                method: "POST",
                body: "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nJohn Doe\r\n--x--\r\n",
                expected: "malformed_multipart_request"
            ),
            LabEndpoint(
                name: "lambda-500-dynamodb",
                summary: "Lambda 500: the DynamoDB query uses the wrong partition key (KB 3.5)",
                target: .http(path: "/lambda-500"),
                behavior: .respond(
                    status: 500,
                    headers: apigw,
                    body: Array(
                        #"{"error": "An error occurred (ValidationException) when calling the Query operation: The provided key element does not match the schema"}"#
                            .utf8
                    )
                ),
                expected: "dynamodb_key_schema_mismatch"
            ),
            LabEndpoint(
                name: "lambda-502-proxy-format",
                summary: "API Gateway 502: the Lambda response is not in the proxy format (KB 3.5)",
                target: .http(path: "/lambda-502"),
                behavior: replay(
                    "55-apigw-rest-502-malformed-lambda-proxy-response.http",
                    fallback: .text(502, "{\"message\": \"Internal server error\"}")
                ),
                expected: "lambda_function_error"
            ),
            LabEndpoint(
                name: "apigw-504-timeout",
                summary: "API Gateway 504: the integration exceeded 29 s (KB 3.6)",
                target: .http(path: "/apigw-504"),
                behavior: replay(
                    "56-apigw-rest-504-endpoint-request-timed-out.http",
                    fallback: .text(504, "{\"message\": \"Endpoint request timed out\"}")
                ),
                expected: "apigw_integration_timeout"
            ),
            LabEndpoint(
                name: "cognito-401-id-token",
                summary: "API Gateway + Cognito 401: an ID token sent instead of an access token (KB 3.7)",
                target: .http(path: "/cognito-401"),
                behavior: .respond(
                    status: 401,
                    headers: apigw + [("x-amzn-ErrorType", "UnauthorizedException")],
                    body: Array("{\"message\":\"Unauthorized\"}".utf8)
                ),
                headers: ["Authorization: Bearer \(cognitoToken)"],
                expected: "cognito_id_token_instead_of_access_token"
            ),
            LabEndpoint(
                name: "waf-202-challenge",
                summary: "AWS WAF answers a challenge (202) instead of the content",
                target: .http(path: "/waf-202"),
                behavior: replay("33-alb-202-waf-challenge.http", fallback: .text(202, "")),
                expected: "waf_challenge_or_captcha"
            ),
            LabEndpoint(
                name: "redirect-loop",
                summary: "redirect-to-https at the CDN and at the origin",
                target: .http(path: "/redirect-loop"),
                behavior: .redirect("/redirect-loop", status: 301),
                expected: "redirect_loop"
            ),
            LabEndpoint(
                name: "intermittent",
                summary: "one request in three fails",
                target: .http(path: "/intermittent"),
                behavior: .sequence([.text(200, "ok"), .text(200, "ok"), .text(502, "bad gateway", headers: [("Server", "nginx")])]),
                samples: 3,
                expected: "intermittent_failure"
            ),
            LabEndpoint(
                name: "dns-nxdomain",
                summary: "the record was never created",
                target: .dns(name: "nx.lab.test", path: "/"),
                expected: "dns_nxdomain"
            ),
            LabEndpoint(
                name: "dns-servfail",
                summary: "the resolver fails (broken DNSSEC chain)",
                target: .dns(name: "servfail.lab.test", path: "/"),
                expected: "dns_servfail"
            ),
            LabEndpoint(
                name: "ipv6-broken",
                summary: "AAAA published, app bound to IPv4 only (KB 5)",
                target: .dns(name: "dual.lab.test", path: "/healthy"),
                expected: "ipv6_path_broken"
            ),
            LabEndpoint(name: "connection-refused", summary: "nothing listens on the port", target: .closedPort, expected: "tcp_connection_refused"),
            LabEndpoint(
                name: "tls-expired",
                summary: "the server certificate expired",
                target: .tls(cert: "expired", extra: []),
                expected: "tls_certificate_expired"
            ),
            LabEndpoint(
                name: "mtls-required",
                summary: "the server requires a client certificate (KB 7)",
                target: .tls(cert: "valid", extra: ["-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"]),
                expected: "mtls_client_certificate_required"
            ),
        ]
    }
}
