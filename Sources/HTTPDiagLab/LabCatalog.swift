/// The lab's endpoints. Wire formats follow the recorded responses in
/// shared/corpus (sources cited there) and AWS documentation.
public enum LabCatalog {
    static func crlf(_ lines: [String], body: String) -> [UInt8] {
        Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    static func fixed(_ status: Int, _ headers: [(String, String)], _ body: String) -> LabBehavior {
        .respond(status: status, headers: headers, body: Array(body.utf8))
    }

    public static let endpoints: [LabEndpoint] = [
        LabEndpoint(name: "healthy", summary: "a healthy origin", path: "/healthy",
                    behavior: fixed(200, [("Content-Type", "text/plain")], "ok\n")),
        LabEndpoint(
            name: "cloudfront-s3-oai-403", summary: "CloudFront in front of S3; the bucket policy lacks the OAI/OAC grant",
            path: "/cloudfront-s3-oai-403",
            behavior: fixed(403, [("Content-Type", "application/xml"), ("Server", "AmazonS3"), ("X-Cache", "Error from cloudfront"),
                                  ("Via", "1.1 4a675f1a5427d6c53c1cf928661589f3.cloudfront.net (CloudFront)"),
                                  ("X-Amz-Cf-Pop", "IAD89-C1"), ("X-Amz-Cf-Id", "tcPumYI4hRJ8LK_Dm7cP8M09IdXRNZy-F5D5Kxyz0ZLnrsKa1pgapg==")],
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>A064D5FC9711201A</RequestId><HostId>+WmFTefyQM5HjWS74UDl+tLZ+/xbmFlF0bFaXoWPrmorlj80Bx753XHC2SrPfkmDFbKiTzBbwN8=</HostId></Error>"),
            expectedRootCause: "cloudfront_s3_origin_access_denied"),
        LabEndpoint(
            name: "alb-503-no-targets", summary: "an ALB with no healthy targets", path: "/alb-503",
            behavior: fixed(503, [("Server", "awselb/2.0"), ("Content-Type", "text/html")],
                            "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"),
            expectedRootCause: "alb_no_healthy_targets"),
        LabEndpoint(
            name: "apigw-429-throttled", summary: "API Gateway throttling by a usage plan", path: "/apigw-429",
            behavior: fixed(429, [("Content-Type", "application/json"), ("x-amzn-RequestId", "69612199-fe2f-48f7-a7f7-3ddccb6ddeb2"),
                                  ("x-amzn-ErrorType", "TooManyRequestsException"), ("x-amz-apigw-id", "_QV2urbBXcpvdE4=")],
                            "{\"message\":\"Too Many Requests\"}"),
            expectedRootCause: "apigw_throttled"),
        LabEndpoint(name: "redirect-loop", summary: "HTTPS redirect at both the CDN and the origin", path: "/redirect-loop",
                    behavior: .redirect("/redirect-loop", status: 301), expectedKind: "too_many_redirects", expectedRootCause: "redirect_loop"),
        LabEndpoint(name: "intermittent", summary: "one request in three fails", path: "/intermittent",
                    behavior: .sequence([fixed(200, [], "ok"), fixed(200, [], "ok"), fixed(502, [("Server", "nginx")], "bad gateway")]),
                    expectedRootCause: "intermittent_failure"),
        LabEndpoint(name: "slow-origin", summary: "an origin that never answers", path: "/slow", behavior: .stall,
                    expectedKind: "timeout"),
    ]
}
