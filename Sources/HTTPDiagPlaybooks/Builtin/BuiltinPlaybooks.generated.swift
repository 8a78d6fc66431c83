// Generated from Playbooks/ by scripts/generate-builtin-playbooks.sh (make builtin): do not edit.
// BuiltinPlaybooksTests proves this file is what the generator writes from Playbooks/ today.
// swift-format-ignore-file

import HTTPDiagCore

extension BuiltinPlaybooks {
    static let generatedPlaybooks: [Playbook] = [
        `access_denied_by_rule`,
        `alb_no_healthy_targets`,
        `alb_oidc_idp_error`,
        `alb_target_connection_error`,
        `alb_target_malformed_response`,
        `alb_target_timeout`,
        `alb_x_forwarded_for_limit`,
        `apigw_api_key_missing`,
        `apigw_authorizer_denied`,
        `apigw_iam_auth_bearer_token_sent`,
        `apigw_integration_timeout`,
        `apigw_lambda_permission_missing`,
        `apigw_missing_authentication_token`,
        `apigw_quota_exceeded`,
        `apigw_request_validation_failed`,
        `apigw_resource_policy_denied`,
        `apigw_route_not_found`,
        `apigw_throttled`,
        `auth_credentials_missing`,
        `auth_forbidden`,
        `auth_token_expired`,
        `auth_token_rejected`,
        `aws_access_key_invalid`,
        `aws_credentials_expired`,
        `aws_request_clock_skew`,
        `aws_security_token_invalid`,
        `aws_signature_mismatch`,
        `bad_request`,
        `client_error`,
        `cloudflare_origin_error`,
        `cloudfront_alternate_domain_not_configured`,
        `cloudfront_cached_error`,
        `cloudfront_geo_restriction`,
        `cloudfront_lambda_edge_error`,
        `cloudfront_misdirected_request`,
        `cloudfront_origin_dns_failure`,
        `cloudfront_origin_timeout`,
        `cloudfront_origin_tls_failure`,
        `cloudfront_origin_unreachable`,
        `cloudfront_s3_origin_access_denied`,
        `cognito_access_token_instead_of_id_token`,
        `cognito_id_token_instead_of_access_token`,
        `cognito_sign_in_rejected`,
        `connection_reset_by_peer`,
        `dns_high_ttl_slows_failover`,
        `dns_no_address`,
        `dns_nxdomain`,
        `dns_servfail`,
        `dns_timeout`,
        `dynamodb_key_schema_mismatch`,
        `health_check_failing`,
        `http_sent_to_https_port`,
        `intermittent_failure`,
        `ipv6_path_broken`,
        `jwt_audience_mismatch`,
        `lambda_function_error`,
        `lambda_throttled`,
        `lambda_url_permission_denied`,
        `local_probe_error`,
        `malformed_multipart_request`,
        `method_not_allowed`,
        `mtls_client_certificate_required`,
        `non_http_response`,
        `not_found`,
        `origin_server_error`,
        `partial_backend_failure`,
        `payload_too_large`,
        `rate_limited`,
        `redirect_loop`,
        `redirect_to_unsupported_scheme`,
        `request_headers_too_large`,
        `response_timeout`,
        `response_too_large`,
        `response_truncated`,
        `s3_access_denied`,
        `s3_no_such_bucket`,
        `s3_no_such_key`,
        `s3_presigned_url_expired`,
        `s3_wrong_region_endpoint`,
        `server_closed_connection`,
        `server_error`,
        `service_unavailable`,
        `tcp_connect_timeout`,
        `tcp_connection_refused`,
        `tls_certificate_expired`,
        `tls_certificate_expiring_soon`,
        `tls_certificate_not_yet_valid`,
        `tls_handshake_failure`,
        `tls_hostname_mismatch`,
        `tls_untrusted_chain`,
        `upstream_invalid_response`,
        `upstream_timeout`,
        `upstream_unavailable`,
        `waf_challenge_or_captcha`,
        `waf_request_blocked`,
    ]

    static let generatedHops: [HopSignature] = [
        `hop_cloudflare`,
        `hop_fastly`,
        `hop_akamai`,
        `hop_azure_front_door`,
        `hop_vercel`,
        `hop_netlify`,
        `hop_bunnycdn`,
        `hop_keycdn`,
        `hop_cloudfront`,
        `hop_waf`,
        `hop_sucuri`,
        `hop_imperva`,
        `hop_apigateway_rest`,
        `hop_apigateway_http`,
        `hop_lambda_url`,
        `hop_azure_apim`,
        `hop_apigee`,
        `hop_kong`,
        `hop_google_esf`,
        `hop_alb`,
        `hop_clb`,
        `hop_google_frontend`,
        `hop_azure_app_gateway`,
        `hop_fly_io`,
        `hop_f5_bigip`,
        `hop_railway`,
        `hop_render`,
        `hop_heroku_router`,
        `hop_azure_app_service`,
        `hop_cloudfoundry_gorouter`,
        `hop_envoy`,
        `hop_zscaler`,
        `hop_contour`,
        `hop_nginx`,
        `hop_openresty`,
        `hop_linkerd`,
        `hop_haproxy`,
        `hop_traefik`,
        `hop_varnish`,
        `hop_apache_traffic_server`,
        `hop_squid`,
        `hop_oauth2_proxy`,
        `hop_caddy`,
        `hop_apache`,
        `hop_iis`,
        `hop_lighttpd`,
        `hop_tomcat`,
        `hop_gunicorn`,
        `hop_jetty`,
        `hop_puma`,
        `hop_uvicorn`,
        `hop_kestrel`,
        `hop_kubernetes_apiserver`,
        `hop_php_fpm`,
        `hop_bun`,
        `hop_cowboy`,
        `hop_express`,
        `hop_werkzeug`,
        `hop_spring_boot`,
        `hop_s3`,
        `hop_ceph_rgw`,
        `hop_minio`,
        `hop_gcs`,
        `hop_docker_registry`,
        `hop_cloudflare_access`,
        `hop_elasticsearch`,
        `hop_lambda`,
        `hop_deno_deploy`,
        `hop_vault`,
        `hop_keycloak`,
        `hop_cognito`,
    ]

    private static var `access_denied_by_rule`: Playbook {
        Playbook(
            id: "access_denied_by_rule",
            title: "An access rule refused the request (deny/allow list, IP restriction, forbidden path) and no credentials were sent",
            layer: "http",
            severity: "critical",
            confidence: 0.45,
            when: [
                .status([.code(403)]),
                .summary(path: "credentials_sent", test: ValueTest(equals: JSONValue.bool(false))),
            ],
            support: [],
            against: [
                .body(ValueTest(matches: "CSRF verification failed|CSRF token (missing|mismatch|invalid)|InvalidAuthenticityToken|Page Expired")),
                .body(ValueTest(matches: "<Code>(AccessDenied|AllAccessDisabled|InvalidAccessKeyId|SignatureDoesNotMatch)</Code>")),
            ],
            lookAlikes: [
                LookAlike(id: "waf_request_blocked", tell: "a WAF page names its rule or request id (x-amzn-waf-action, Cloudflare Ray ID, Akamai Reference #); a server's deny rule is its plain 403 page", line: 14),
                LookAlike(id: "auth_credentials_missing", tell: "an endpoint that wants credentials usually says 401 with WWW-Authenticate; a 403 without it is a rule about who or where you are", line: 16),
            ],
            explanation: "{{hops}} answered {{status}} {{reason}} to a request that carried no credentials (no Authorization, Cookie or API key): a rule refused it for where it came from or what it asked for (an IP allow/deny list, `deny all`, `Require all denied`, `http-request deny`, a directory without an index, file permissions), not for who sent it.",
            remediation: [
                "Find the rule in the server that generated the page: `grep -rnE 'deny|allow |Require (all denied|ip|not)|http-request deny|acl ' /etc/nginx /etc/apache2 /etc/httpd /etc/haproxy 2>/dev/null`, and compare it with your client address (`curl -s https://ifconfig.me` from the probe's network).",
                "nginx: a `location` with `deny all;` or `allow <cidr>; deny all;`; a directory without index and `autoindex off` also answers 403; the error log says `access forbidden by rule` or `directory index of ... is forbidden`: `grep -E 'forbidden' /var/log/nginx/error.log | tail`.",
                "Apache httpd: `Require all denied` / `Require ip`, or `Options -Indexes` on a directory without an index; the error log says `AH01630: client denied by server configuration` or `AH01276`: `grep -E 'AH01630|AH01276|AH00035' /var/log/apache2/error.log | tail`.",
                "File permissions: the worker user must be able to read the file and traverse every parent directory: `namei -l /var/www/<path>`.",
                "If the endpoint does need credentials, send them (`-H 'Authorization: Bearer ...'`): then a 403 becomes a permission question (auth_forbidden).",
            ],
            verify: [
                "`httpdiag check {{url}}` from an allowed address (or after the rule change) answers 2xx.",
                "The server's error log no longer logs the denial for your address.",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_access_module.html",
                "https://httpd.apache.org/docs/2.4/howto/access.html",
                "https://docs.haproxy.org/2.6/configuration.html#4.2-http-request%20deny",
                "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
            ],
            file: "Playbooks/access_denied_by_rule.yaml"
        )
    }

    private static var `alb_no_healthy_targets`: Playbook {
        Playbook(
            id: "alb_no_healthy_targets",
            title: "ALB/ELB 503: no registered or healthy targets",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(503)]),
                .any([
                    .hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil)),
                    .all([
                        .field(path: "response.reason", test: ValueTest(matches: "Back-end server is at capacity")),
                    ]),
                    .all([
                        .hop(HopTest(name: "alb", roles: nil, generated: nil, upstream: nil)),
                        .field(path: "response.body_size", test: ValueTest(equals: JSONValue.number(0.0))),
                        .header(name: "Server", test: ValueTest(exists: false)),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The load balancer answered {{status}} {{reason}} itself: the target group of the matched listener rule has no registered targets or none that pass the health check (health check path failing, tasks scaled to zero or not yet registered, a network change that cut the targets off: NAT route, security group).",
            remediation: [
                "List the targets and why they are unhealthy: aws elbv2 describe-target-health --target-group-arn <tg-arn> --query 'TargetHealthDescriptions[].{id:Target.Id,port:Target.Port,state:TargetHealth.State,reason:TargetHealth.Reason,desc:TargetHealth.Description}'",
                "An empty list: register targets or fix the service (aws ecs describe-services --cluster <c> --services <s> --query 'services[].{desired:desiredCount,running:runningCount,events:events[:5]}'; Auto Scaling desired capacity > 0).",
                "Target.ResponseCodeMismatch / Target.Timeout: make the health check path answer 200 quickly (knowledge-base.md section 3 Problem 2: app.get('/health') returning 200), or point the check at it: aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-path /health --matcher HttpCode=200",
                "Target.FailedHealthChecks after a network change: allow the ALB's security group on the target port and restore routes (NAT gateway) (knowledge-base.md section 4 Problem 2); enable VPC Flow Logs to see drops.",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB HealthyHostCount > 0 and UnHealthyHostCount = 0 (dimension TargetGroup, LoadBalancer); HTTPCode_ELB_503_Count falls to 0.",
                "aws elbv2 describe-target-health --target-group-arn <tg-arn> shows every target healthy",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-503-issues",
                "https://repost.aws/knowledge-center/alb-troubleshoot-503-errors",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-message.html",
                "knowledge-base.md section 3 Problem 2; section 4 Problem 2",
            ],
            file: "Playbooks/alb_no_healthy_targets.yaml"
        )
    }

    private static var `alb_oidc_idp_error`: Playbook {
        Playbook(
            id: "alb_oidc_idp_error",
            title: "ALB 561: the identity provider of the authenticate action returned an error",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.95,
            when: [
                .status([.code(561)]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The Application Load Balancer answered {{status}}: its authenticate-oidc / authenticate-cognito listener action got an error from the identity provider while exchanging the authorization code (token or user-info endpoint): wrong client secret, issuer or endpoints, an unsupported grant, or an IdP the ALB cannot reach.",
            remediation: [
                "Show the action: aws elbv2 describe-rules --listener-arn <listener-arn> --query 'Rules[].Actions[?Type==`authenticate-oidc` || Type==`authenticate-cognito`]'",
                "Configure issuer, authorization, token and user-info endpoints and the client id/secret identically on the ALB and the IdP; the IdP's redirect URI must be https://{{host}}/oauth2/idpresponse.",
                "Let the ALB reach the IdP: its security group and subnet NACLs must allow outbound 443 to the token and user-info endpoints (internet gateway or NAT route; the endpoints must resolve publicly).",
                "Check the IdP's own logs for the rejected token request (invalid_client, invalid_grant).",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB ELBAuthError, ELBAuthFailure and ELBAuthUserClaimsSizeExceeded fall to 0; ELBAuthSuccess rises.",
                "A browser login through https://{{host}}/ completes without 561",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-561-issues",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html",
                "https://repost.aws/knowledge-center/elb-configure-authentication-alb",
            ],
            file: "Playbooks/alb_oidc_idp_error.yaml"
        )
    }

    private static var `alb_target_connection_error`: Playbook {
        Playbook(
            id: "alb_target_connection_error",
            title: "ALB 502: the target reset or closed the connection (keep-alive shorter than the ALB idle timeout, crash)",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.8,
            when: [
                .status([.code(502)]),
                .hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil)),
                .summary(path: "distinct_outcomes", test: ValueTest(gt: 1.0)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The Application Load Balancer generated {{status}} on some samples only ({{field:sample}} of several; the others succeeded): intermittent 502s are the signature of a target that closes idle keep-alive connections before the ALB does (its keep-alive timeout is shorter than the ALB idle timeout, 60 s by default), or of targets that crash or are replaced while connections are open.",
            remediation: [
                "Read the ALB idle timeout: aws elbv2 describe-load-balancer-attributes --load-balancer-arn <alb-arn> --query \"Attributes[?Key=='idle_timeout.timeout_seconds']\"",
                "Make the target's keep-alive longer than it: Node.js server.keepAliveTimeout = 65000 and server.headersTimeout = 66000; Gunicorn --keep-alive 75; nginx keepalive_timeout 75s; Apache KeepAliveTimeout 75.",
                "Enable deregistration delay and graceful shutdown so targets finish in-flight requests: aws elbv2 modify-target-group-attributes --target-group-arn <tg-arn> --attributes Key=deregistration_delay.timeout_seconds,Value=30",
                "Find the failing target in the access log (error_reason TargetConnectionErrorCode / target_status_code '-') and check it for restarts (ECS: aws ecs describe-tasks ... stoppedReason; OOM kills).",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB TargetConnectionErrorCount and HTTPCode_ELB_502_Count of the load balancer fall to 0.",
                "httpdiag check {{url}} --samples 20 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-502-issues",
                "https://repost.aws/knowledge-center/elb-alb-troubleshoot-502-errors",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout",
                "knowledge-base.md section 3 Problem 2",
            ],
            file: "Playbooks/alb_target_connection_error.yaml"
        )
    }

    private static var `alb_target_malformed_response`: Playbook {
        Playbook(
            id: "alb_target_malformed_response",
            title: "ALB 502: the target sent an invalid HTTP response",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.75,
            when: [
                .status([.code(502)]),
                .hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The Application Load Balancer (Server: {{header:Server}}) generated {{status}} itself: the target's response could not be used: malformed status line or headers, a header over the ALB's limits, a Lambda target returning a non-ALB-format or oversized (1 MB) response, or a target that closed the connection mid-response. A reset or keep-alive race (see alb_target_connection_error) looks identical on the wire.",
            remediation: [
                "Look up the 502s in the ALB access log: elb_status_code 502 with target_status_code '-' and error_reason (TargetResponseMalformed, TargetConnectionErrorCode, LambdaInvalidResponse...): e.g. Athena SELECT time, target_ip, error_reason FROM alb_logs WHERE elb_status_code = 502 ORDER BY time DESC LIMIT 50",
                "Call a target directly and inspect the raw response: curl -sv http://<target-ip>:<target-port>{{path}} -H 'Host: {{host}}' (status line, header syntax, Content-Length vs body)",
                "Fix the application's response headers (knowledge-base.md section 3 Problem 2: set Content-Type and status properly); for a Lambda target return {\"statusCode\": 200, \"headers\": {...}, \"body\": \"...\", \"isBase64Encoded\": false}.",
                "Check target health: aws elbv2 describe-target-health --target-group-arn <tg-arn>; roll back the last deployment if the 502s started with it.",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB HTTPCode_ELB_502_Count of the load balancer falls to 0 (and TargetConnectionErrorCount stays 0).",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-502-issues",
                "https://repost.aws/knowledge-center/elb-alb-troubleshoot-502-errors",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html#respond-to-load-balancer",
                "https://github.com/esi/esi-issues/issues/902",
                "knowledge-base.md section 3 Problem 2",
            ],
            file: "Playbooks/alb_target_malformed_response.yaml"
        )
    }

    private static var `alb_target_timeout`: Playbook {
        Playbook(
            id: "alb_target_timeout",
            title: "ALB/ELB 504: the target did not answer within the load balancer's idle timeout",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(504)]),
                .any([
                    .hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil)),
                    .field(path: "response.reason", test: ValueTest(matches: "^GATEWAY_TIMEOUT$")),
                    .all([
                        .hop(HopTest(name: "alb", roles: nil, generated: nil, upstream: nil)),
                        .field(path: "response.body_size", test: ValueTest(equals: JSONValue.number(0.0))),
                        .header(name: "Server", test: ValueTest(exists: false)),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The load balancer answered {{status}} {{reason}} itself after {{field:timings.total_ms}} ms: the target accepted the request but sent no response before the idle timeout (60 s by default), or the connection to the target timed out. Typical: a worker timeout longer than the LB's (Gunicorn --timeout 120 behind a 60 s ALB), slow queries, or a security group that drops the ALB's traffic.",
            remediation: [
                "Read the idle timeout: aws elbv2 describe-load-balancer-attributes --load-balancer-arn <alb-arn> --query \"Attributes[?Key=='idle_timeout.timeout_seconds']\"",
                "Keep the target's request timeout below it (knowledge-base.md section 5: GUNICORN_TIMEOUT=120 needs an idle timeout > 120 s or a shorter worker timeout), or raise it if the work must stay synchronous: aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb-arn> --attributes Key=idle_timeout.timeout_seconds,Value=120",
                "Find the slow requests in the access log: target_processing_time -1 with elb_status_code 504, and check the target's CPU, database and dependency latency.",
                "If every request times out, check that the target security group allows the ALB's security group on the target port.",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB HTTPCode_ELB_504_Count falls to 0 and TargetResponseTime p99 stays below the idle timeout.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-504-issues",
                "https://repost.aws/knowledge-center/504-error-alb",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-message.html#ts-elb-errorcodes-http504",
                "knowledge-base.md section 5 (Gunicorn timeout)",
            ],
            file: "Playbooks/alb_target_timeout.yaml"
        )
    }

    private static var `alb_x_forwarded_for_limit`: Playbook {
        Playbook(
            id: "alb_x_forwarded_for_limit",
            title: "ALB 463: the X-Forwarded-For header carries more than 30 addresses",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.95,
            when: [
                .any([
                    .status([.code(463)]),
                    .all([
                        .status([.code(400), .code(463)]),
                        .requestHeader(name: "X-Forwarded-For", test: ValueTest(matches: "^([^,]*,){30,}")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The Application Load Balancer rejected the request with {{status}}: the X-Forwarded-For header it received held more than 30 addresses (sent: {{request_header:X-Forwarded-For}}), usually because a chain of proxies, a CDN, or a loop keeps appending to it, or a client forges it.",
            remediation: [
                "Do not forward a client-supplied X-Forwarded-For through every proxy; overwrite it at the outermost proxy you control (nginx proxy_set_header X-Forwarded-For $remote_addr;) instead of appending ($proxy_add_x_forwarded_for).",
                "Check for a request loop (a proxy that forwards to itself or between two proxies): the repeated addresses in the header show it.",
                "Let the ALB take over processing: aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb-arn> --attributes Key=routing.http.xff_header_processing.mode,Value=remove (or preserve/append as needed)",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB HTTPCode_ELB_4XX_Count drops; the access log no longer shows elb_status_code 463.",
                "httpdiag check {{url}} answers 2xx",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-463-issues",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html",
                "https://http.dev/463",
            ],
            file: "Playbooks/alb_x_forwarded_for_limit.yaml"
        )
    }

    private static var `apigw_api_key_missing`: Playbook {
        Playbook(
            id: "apigw_api_key_missing",
            title: "The method requires an API key that was not sent, is invalid, or is not in a usage plan for this stage",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.75,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: "apigateway-rest", roles: nil, generated: true, upstream: nil)),
                .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^ForbiddenException")),
                .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Forbidden\"")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} {{header:x-amzn-ErrorType}} {\"message\":\"Forbidden\"} to {{method}} {{url}}: the method has apiKeyRequired and the request carried no x-api-key header, or a key that is unknown, disabled, or not attached to a usage plan that covers this API stage. (A WAF block or a private API reached from outside its VPC endpoint gives the same response.)",
            remediation: [
                "Send the key in the x-api-key header: curl -H 'x-api-key: <key-value>' {{url}}",
                "Find the key value: aws apigateway get-api-keys --name-query <name> --include-values --query 'items[].{id:id,enabled:enabled,value:value}'",
                "Check that a usage plan links the key to this API and stage: aws apigateway get-usage-plans --key-id <key-id> --query 'items[].apiStages'",
                "Attach the key to the plan: aws apigateway create-usage-plan-key --usage-plan-id <plan-id> --key-id <key-id> --key-type API_KEY",
                "Add the stage to the plan: aws apigateway update-usage-plan --usage-plan-id <plan-id> --patch-operations op=add,path=/apiStages,value=<api-id>:<stage>",
                "If the key is supposed to come from a Lambda authorizer (apiKeySource AUTHORIZER), check it returns usageIdentifierKey: aws apigateway get-rest-api --rest-api-id <api-id> --query apiKeySource",
                "If the method should not need a key: aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --patch-operations op=replace,path=/apiKeyRequired,value=false, then create-deployment.",
            ],
            verify: [
                "aws apigateway get-usage --usage-plan-id <plan-id> --key-id <key-id> --start-date <yyyy-mm-dd> --end-date <yyyy-mm-dd> shows the calls counted",
                "httpdiag check {{url}} -H 'x-api-key: <key-value>' answers 2xx",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway) drops; the execution log no longer shows \"API Key not authorized\" / \"Forbidden reason\".",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
                "https://github.com/localstack/localstack/issues/8801",
                "knowledge-base.md section 3, Problem 3",
            ],
            file: "Playbooks/apigw_api_key_missing.yaml"
        )
    }

    private static var `apigw_authorizer_denied`: Playbook {
        Playbook(
            id: "apigw_authorizer_denied",
            title: "A Lambda authorizer returned an explicit Deny (or isAuthorized false) for this caller",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(403)]),
                .any([
                    .body(ValueTest(matches: "User is not authorized to access this resource")),
                    .all([
                        .hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "^\\s*\\{\\s*\"message\"\\s*:\\s*\"Forbidden\"\\s*\\}\\s*$")),
                        .requestHeader(name: "Authorization", test: ValueTest(exists: true)),
                        .header(name: "WWW-Authenticate", test: ValueTest(exists: false)),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} {{body_match:User is not authorized to access this resource[^\"]*|Forbidden}}: the Lambda authorizer ran, accepted the token as input and returned a policy with Effect Deny for this method ARN (or isAuthorized false), so the integration never ran.",
            remediation: [
                "Read the authorizer's decision in its logs: aws logs tail /aws/lambda/<authorizer-function> --since 15m",
                "Replay it: aws apigateway test-invoke-authorizer --rest-api-id <api-id> --authorizer-id <authorizer-id> --headers Authorization='Bearer <token>'",
                "Make the policy's Resource cover the method: with authorizer caching on, a policy built for the\nfirst method (event.methodArn) is reused for other methods, so allow the whole stage:\n```python\narn = event[\"methodArn\"].split(\"/\")\nresource = \"/\".join(arn[:2]) + \"/*\"    # arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/*\nreturn {\"principalId\": user_id, \"policyDocument\": {\"Version\": \"2012-10-17\",\n        \"Statement\": [{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", \"Resource\": resource}]}}\n```\n",
                "Or shorten / disable the policy cache while debugging: aws apigateway update-authorizer --rest-api-id <api-id> --authorizer-id <authorizer-id> --patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=0, then create-deployment.",
                "HTTP API with simple responses: check the authorizer returns {\"isAuthorized\": true} for this caller: aws apigatewayv2 get-authorizer --api-id <api-id> --authorizer-id <authorizer-id>",
            ],
            verify: [
                "aws apigateway test-invoke-authorizer ... returns a policy with Effect Allow for arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/{{method}}/<path>",
                "httpdiag check {{url}} -H 'Authorization: Bearer <token>' answers 2xx",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops; the execution log shows \"Authorizer result ... Allow\".",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html",
                "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
            ],
            file: "Playbooks/apigw_authorizer_denied.yaml"
        )
    }

    private static var `apigw_iam_auth_bearer_token_sent`: Playbook {
        Playbook(
            id: "apigw_iam_auth_bearer_token_sent",
            title: "An IAM-authorized (AWS_IAM) method received a bearer token instead of a SigV4 signature",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(403)]),
                .requestHeader(name: "Authorization", test: ValueTest(exists: true)),
                .not(.requestHeader(name: "Authorization", test: ValueTest(matches: "^AWS4-HMAC-SHA256 "))),
                .any([
                    .body(ValueTest(matches: "Authorization header requires 'Credential' parameter")),
                    .body(ValueTest(matches: "not a valid key=value pair \\(missing equal-sign\\) in Authorization header")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^IncompleteSignatureException")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} {{header:x-amzn-ErrorType}} \"{{body_match:Authorization header requires 'Credential' parameter|not a valid key=value pair \\(missing equal-sign\\)}}\": it parsed the Authorization header ({{request_header:Authorization}}) as a SigV4 signature because the method's authorization type is AWS_IAM (or no such route exists, which API Gateway reports the same way), not a Cognito/JWT/Lambda authorizer.",
            remediation: [
                "Check the method's authorization: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query '{auth:authorizationType,authorizer:authorizerId}'",
                "If the API should take the Cognito token, switch the method to the user-pool authorizer and redeploy: aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --patch-operations op=replace,path=/authorizationType,value=COGNITO_USER_POOLS op=replace,path=/authorizerId,value=<authorizer-id>; aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
                "If AWS_IAM is intended, sign the request with SigV4 instead of sending the token (for example awscurl --service execute-api --region <region> {{url}}, or exchange the Cognito ID token for identity-pool credentials and sign with the SDK).",
                "Amplify REST API: the category uses IAM by default; set custom_header to send the token only when the API uses a Cognito authorizer.",
                "Check that the route actually exists and is deployed (aws apigateway get-resources --rest-api-id <api-id>): an undeployed path gives the same message.",
            ],
            verify: [
                "aws apigateway get-method ... shows the authorization type you meant",
                "httpdiag check {{url}} -H 'Authorization: Bearer <token>' answers 2xx (Cognito authorizer), or a signed awscurl call answers 2xx (IAM)",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html",
                "https://repost.aws/knowledge-center/api-gateway-iam-authentication-errors",
                "https://github.com/aws/chalice/issues/828",
                "https://github.com/aws-amplify/amplify-flutter/issues/1539",
                "https://github.com/amazon-archives/aws-cognito-angular-quickstart/issues/50",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/apigw_iam_auth_bearer_token_sent.yaml"
        )
    }

    private static var `apigw_integration_timeout`: Playbook {
        Playbook(
            id: "apigw_integration_timeout",
            title: "The integration (Lambda, Step Functions, HTTP) exceeded API Gateway's integration timeout",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .any([
                    .all([
                        .status([.code(504)]),
                        .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                        .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Endpoint request timed out\"")),
                    ]),
                    .all([
                        .status([.code(503)]),
                        .hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "^\\s*\\{\\s*\"message\"\\s*:\\s*\"Service Unavailable\"\\s*\\}\\s*$")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway ({{hops}}) answered {{status}} \"{{body_match:Endpoint request timed out|Service Unavailable}}\" after {{field:timings.total_ms}} ms: the integration did not answer within the integration timeout (REST default 29 s, HTTP API at most 30 s). The backend may still finish the work after the client got this error.",
            remediation: [
                "Find the slow part: aws logs tail /aws/lambda/<function> --since 15m --filter-pattern 'Task timed out' and the REPORT lines' Duration; X-Ray traces of the integration.",
                "Make the handler faster (more memory = more CPU: aws lambda update-function-configuration --function-name <function> --memory-size 1024), add the missing DynamoDB index, avoid cold starts with provisioned concurrency.",
                "Do long work asynchronously: return 202 at once and start it (Step Functions StartExecution instead of StartSyncExecution, SQS, or Lambda InvocationType Event), then poll or notify.",
                "REST regional/private APIs can raise the timeout above 29 s (Service Quotas, 'Maximum integration timeout in milliseconds'), then: aws apigateway update-integration --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --patch-operations op=replace,path=/timeoutInMillis,value=60000",
                "HTTP API: aws apigatewayv2 update-integration --api-id <api-id> --integration-id <integration-id> --timeout-in-millis 30000 (30 s is the maximum).",
            ],
            verify: [
                "CloudWatch: IntegrationLatency (p99) of the stage stays well below the timeout and 5XXError (REST) / 5xx (HTTP API) drops; Lambda Duration stays below it.",
                "httpdiag check {{url}} --samples 5 answers 2xx with total_ms well under 29000",
                "Execution logs (API-Gateway-Execution-Logs_<api-id>/<stage>) no longer show \"Execution failed due to a timeout error\".",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting.html",
                "https://github.com/ks888/LambStatus/issues/36",
                "https://github.com/cortexlabs/cortex/issues/1225",
                "https://github.com/aws/chalice/issues/537",
                "knowledge-base.md section 3, Problem 6",
            ],
            file: "Playbooks/apigw_integration_timeout.yaml"
        )
    }

    private static var `apigw_lambda_permission_missing`: Playbook {
        Playbook(
            id: "apigw_lambda_permission_missing",
            title: "API Gateway may not invoke the Lambda function (resource-based policy missing)",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.6,
            when: [
                .status([.code(500)]),
                .hop(HopTest(name: "apigateway-rest", roles: nil, generated: true, upstream: nil)),
                .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^InternalServerErrorException")),
                .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Internal server error\"")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway itself answered {{status}} {{header:x-amzn-ErrorType}} \"Internal server error\" (a Lambda crash would be a 502): most often the function's resource-based policy does not let apigateway.amazonaws.com invoke it for this API (the execution log says \"Execution failed due to configuration error: Invalid permissions on Lambda function\"), typically after the function or API was recreated or the integration was set up outside the console.",
            remediation: [
                "Check the function policy: aws lambda get-policy --function-name <function> --query Policy --output text (look for Principal apigateway.amazonaws.com and an AWS:SourceArn matching this API)",
                "Grant it: aws lambda add-permission --function-name <function> --statement-id apigw-<api-id> --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn 'arn:aws:execute-api:<region>:<account-id>:<api-id>/*/*/*'",
                "For an alias or version integration, add the permission with --qualifier <alias> (the integration URI's ARN must match).",
                "If the integration uses a credentials role instead, check it: aws apigateway get-integration --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query credentials, and that role's lambda:InvokeFunction permission and trust policy for apigateway.amazonaws.com.",
                "In IaC add the permission explicitly (AWS::Lambda::Permission / aws_lambda_permission) so a redeploy does not drop it.",
            ],
            verify: [
                "Enable execution logs (aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR) and confirm 'Invalid permissions on Lambda function' is gone.",
                "aws apigateway test-invoke-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} returns the function's status",
                "CloudWatch metric 5XXError of the stage (AWS/ApiGateway) drops and the function's Invocations (AWS/Lambda) rises with Count.",
            ],
            references: [
                "https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations",
                "https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html",
                "https://docs.aws.amazon.com/cli/latest/reference/lambda/add-permission.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-troubleshooting-lambda.html",
            ],
            file: "Playbooks/apigw_lambda_permission_missing.yaml"
        )
    }

    private static var `apigw_missing_authentication_token`: Playbook {
        Playbook(
            id: "apigw_missing_authentication_token",
            title: "REST API: no resource/method at that path or stage, or an IAM method called unsigned (403 Missing Authentication Token)",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                .any([
                    .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Missing Authentication Token\"")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^MissingAuthenticationTokenException")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} {{header:x-amzn-ErrorType}} to {{method}} {{url}}: a REST API sends \"Missing Authentication Token\" when no resource and method match the path (wrong path, missing stage segment, method not defined or not deployed), and when an AWS_IAM-authorized method receives no SigV4 signature. It is rarely about a token.",
            remediation: [
                "Check the URL has the form https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<resource-path> (the stage segment is required unless a custom domain base path maps it; the stage root needs a trailing '/').",
                "List what is deployed: aws apigateway get-resources --rest-api-id <api-id> --query 'items[].{path:path,methods:keys(resourceMethods)}'",
                "If the resource or method was added after the last deployment, deploy it: aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
                "Check the method's authorization type: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query authorizationType; for AWS_IAM sign the request with SigV4 (awscurl --service execute-api, or the AWS SDK / Amplify signer).",
                "For proxy APIs add a {proxy+} resource with ANY, or a root '/' method, so unknown paths reach the integration instead of this gateway response.",
                "Optionally make the error honest: aws apigateway put-gateway-response --rest-api-id <api-id> --response-type MISSING_AUTHENTICATION_TOKEN --status-code 404",
            ],
            verify: [
                "aws apigateway test-invoke-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --path-with-query-string '<path>' returns the integration's status",
                "httpdiag check {{url}} answers 2xx (or the API's own 4xx)",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway, dimensions ApiName and Stage) drops back to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
                "https://github.com/brain-power/Brain-Power-Amazon-Fidgetology/issues/29",
                "https://github.com/stackery/php-lambda-layer/issues/31",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/apigw_missing_authentication_token.yaml"
        )
    }

    private static var `apigw_quota_exceeded`: Playbook {
        Playbook(
            id: "apigw_quota_exceeded",
            title: "429 Limit Exceeded: the usage plan's request quota for the period is spent",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(429)]),
                .any([
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^LimitExceededException")),
                    .all([
                        .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                        .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Limit Exceeded\"")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} {{header:x-amzn-ErrorType}} \"Limit Exceeded\": the API key's usage plan quota (requests per DAY, WEEK or MONTH) is used up. Retrying does not help until the period resets or the quota is raised.",
            remediation: [
                "Find the plan and its quota: aws apigateway get-usage-plans --key-id <key-id> --query 'items[].{id:id,quota:quota}'",
                "Check the remaining quota of the key: aws apigateway get-usage-plan-key --usage-plan-id <plan-id> --key-id <key-id>",
                "Raise the quota: aws apigateway update-usage-plan --usage-plan-id <plan-id> --patch-operations op=replace,path=/quota/limit,value=100000",
                "Or grant more for this key only: aws apigateway update-usage --usage-plan-id <plan-id> --key-id <key-id> --patch-operations op=replace,path=/remaining,value=10000",
                "Move the caller to a plan sized for its traffic, or give each client its own API key so one client cannot spend the others' quota.",
            ],
            verify: [
                "aws apigateway get-usage --usage-plan-id <plan-id> --key-id <key-id> --start-date <yyyy-mm-dd> --end-date <yyyy-mm-dd> shows calls below the limit",
                "httpdiag check {{url}} -H 'x-api-key: <key-value>' answers 2xx",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "https://docs.aws.amazon.com/cli/latest/reference/apigateway/update-usage.html",
                "https://github.com/faiscadev/fakecloud/pull/1117",
                "knowledge-base.md section 3, Problem 3",
            ],
            file: "Playbooks/apigw_quota_exceeded.yaml"
        )
    }

    private static var `apigw_request_validation_failed`: Playbook {
        Playbook(
            id: "apigw_request_validation_failed",
            title: "400 from API Gateway request validation: the body or parameters do not match the method's model",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(400)]),
                .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                .body(ValueTest(matches: "\"message\"\\s*:\\s*\"(Invalid request body|Missing required request parameters|Invalid request input)")),
                .not(.field(path: "request.body.multipart_boundary", test: ValueTest(equals: JSONValue.string("")))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway's request validator rejected {{method}} {{url}} with {{status}} {{header:x-amzn-ErrorType}} \"{{body_match:Invalid request body|Missing required request parameters[^\"]*|Invalid request input}}\" before calling the integration: the body does not validate against the method's JSON schema model, or a required header, query string or path parameter is missing.",
            remediation: [
                "See which validator and model apply: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query '{validator:requestValidatorId,models:requestModels,params:requestParameters}'",
                "Read the schema: aws apigateway get-model --rest-api-id <api-id> --model-name <model> --flatten",
                "Get the exact violation: enable execution logging (aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO) and look for 'Request body does not match model schema for content type application/json: [...]'.",
                "Return the reason to clients: aws apigateway put-gateway-response --rest-api-id <api-id> --response-type BAD_REQUEST_BODY --response-templates '{\"application/json\":\"{\\\"message\\\": \\\"$context.error.validationErrorString\\\"}\"}'",
                "Fix the client payload to match the model (types, required properties), and send\nContent-Type: application/json; for multipart uploads let the HTTP library build the body:\n```python\nrequests.post(url, files={\"picture\": open(\"profile.jpg\", \"rb\")}, data={\"name\": \"John Doe\"})\n```\n",
            ],
            verify: [
                "aws apigateway test-invoke-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --body file://payload.json returns the integration's status",
                "Execution logs (API-Gateway-Execution-Logs_<api-id>/<stage>) no longer show 'Request body does not match model schema'",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-test.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "knowledge-base.md section 3, Problem 4",
            ],
            file: "Playbooks/apigw_request_validation_failed.yaml"
        )
    }

    private static var `apigw_resource_policy_denied`: Playbook {
        Playbook(
            id: "apigw_resource_policy_denied",
            title: "The API's resource policy denies this caller (account, source IP, VPC endpoint)",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(403)]),
                .body(ValueTest(matches: "is not authorized to perform: execute-api:Invoke on resource")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} \"{{body_match:User: \\S+ is not authorized to perform: execute-api:Invoke[^\"]*}}\": the API's resource policy (an explicit Deny on source IP, VPC endpoint or account, or no Allow for this principal on a private API) rejected {{method}} {{url}} before any authorizer or integration ran.",
            remediation: [
                "Read the policy: aws apigateway get-rest-api --rest-api-id <api-id> --query policy --output text | sed 's/\\\\//g' | python3 -m json.tool",
                "Compare its Condition keys with the caller: aws:SourceIp (your egress IP: curl -s https://checkip.amazonaws.com), aws:SourceVpce / aws:SourceVpc for private APIs, aws:PrincipalAccount / Principal for IAM callers.",
                "Fix the policy, e.g. widen the IP allow-list: aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations op=replace,path=/policy,value='<escaped policy JSON>'",
                "A resource-policy change takes effect only after a deployment: aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
                "For a private API, call it through the VPC endpoint (https://<api-id>-<vpce-id>.execute-api.<region>.vpce.amazonaws.com/<stage> or with the Host header set) from inside the VPC.",
            ],
            verify: [
                "httpdiag check {{url}} from the intended caller answers 2xx",
                "Execution log (API-Gateway-Execution-Logs_<api-id>/<stage>) no longer shows 'Resource policy ... Deny' for the request id",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html",
                "https://repost.aws/knowledge-center/api-gateway-resource-policy-access",
            ],
            file: "Playbooks/apigw_resource_policy_denied.yaml"
        )
    }

    private static var `apigw_route_not_found`: Playbook {
        Playbook(
            id: "apigw_route_not_found",
            title: "HTTP API: no route matches the method and path, or the stage is wrong (404 Not Found)",
            layer: "api-gateway",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(404)]),
                .hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "^\\s*\\{\\s*\"message\"\\s*:\\s*\"Not Found\"\\s*\\}\\s*$")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "An API Gateway HTTP API (apigw-requestid {{header:apigw-requestid}}) answered {{status}} {\"message\":\"Not Found\"} to {{method}} {{url}}: no route matches this method and path on the stage the URL names (a route key like \"GET /orders/{id}\", a missing $default route, a stage name left in or out of the path, or a change never deployed to the stage). An integration that itself returns exactly this body looks the same on the wire.",
            remediation: [
                "List the routes: aws apigatewayv2 get-routes --api-id <api-id> --query 'Items[].RouteKey'",
                "List the stages and whether they auto-deploy: aws apigatewayv2 get-stages --api-id <api-id> --query 'Items[].{stage:StageName,auto:AutoDeploy,deployment:DeploymentId}'. The $default stage is served at the root (no /<stage> prefix); a named stage needs /<stage>/ in the path.",
                "Add the missing route (or a catch-all): aws apigatewayv2 create-route --api-id <api-id> --route-key 'ANY /{proxy+}' --target integrations/<integration-id>",
                "If the stage does not auto-deploy, deploy: aws apigatewayv2 create-deployment --api-id <api-id> --stage-name <stage>",
                "Behind a custom domain, check the API mapping and its path: aws apigatewayv2 get-api-mappings --domain-name <domain>",
            ],
            verify: [
                "httpdiag check {{url}} no longer answers 404 from the gateway",
                "Enable access logging with $context.routeKey and $context.status; requests that match no route log routeKey \"-\".",
                "CloudWatch metric 4xx of the HTTP API stage (AWS/ApiGateway, dimensions ApiId and Stage) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html",
            ],
            file: "Playbooks/apigw_route_not_found.yaml"
        )
    }

    private static var `apigw_throttled`: Playbook {
        Playbook(
            id: "apigw_throttled",
            title: "API Gateway throttled the request (429 Too Many Requests: usage plan, stage, method or account rate/burst)",
            layer: "api-gateway",
            severity: "warning",
            confidence: 0.85,
            when: [
                .status([.code(429)]),
                .any([
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^TooManyRequestsException")),
                    .all([
                        .any([
                            .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                            .hop(HopTest(name: "apigateway-http", roles: nil, generated: nil, upstream: nil)),
                        ]),
                        .body(ValueTest(matches: "\"message\"\\s*:\\s*\"Too Many Requests\"")),
                    ]),
                ]),
            ],
            support: [],
            against: [
                .body(ValueTest(matches: "\"Reason\" ?: ?\"[A-Za-z]*LimitExceeded\"")),
            ],
            lookAlikes: [],
            explanation: "API Gateway ({{hops}}) answered {{status}} \"Too Many Requests\": the request rate exceeded a token-bucket limit, per API key in a usage plan, per method or route, per stage, or the account-wide Region limit (10,000 rps, burst 5,000 by default). Unlike a quota, it clears within seconds; clients should retry with exponential backoff and jitter.",
            remediation: [
                "Find the limit that applies: aws apigateway get-usage-plans --query 'items[].{id:id,throttle:throttle,stages:apiStages}' and aws apigateway get-stage --rest-api-id <api-id> --stage-name <stage> --query methodSettings",
                "Raise the usage plan limits: aws apigateway update-usage-plan --usage-plan-id <plan-id> --patch-operations op=replace,path=/throttle/rateLimit,value=2000 op=replace,path=/throttle/burstLimit,value=4000",
                "Raise stage/method throttling: aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations 'op=replace,path=/*/*/throttling/rateLimit,value=2000' 'op=replace,path=/*/*/throttling/burstLimit,value=4000'",
                "HTTP API: aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --default-route-settings ThrottlingRateLimit=2000,ThrottlingBurstLimit=4000",
                "Account limit: request an increase of 'Throttle rate' in Service Quotas (service code apigateway).",
                "Retry in the client with exponential backoff and jitter; cache cacheable GETs (API Gateway stage cache or CloudFront) to cut the rate.",
            ],
            verify: [
                "CloudWatch: the 4XXError metric of the stage (AWS/ApiGateway) against Count during the peak; execution logs show 'Too Many Requests' lines",
                "httpdiag check {{url}} --samples 20 --burst answers 2xx every time at the expected rate",
                "aws apigateway get-usage --usage-plan-id <plan-id> --start-date <yyyy-mm-dd> --end-date <yyyy-mm-dd> shows the traffic per key",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "https://github.com/localstack/localstack/issues/8801",
                "knowledge-base.md section 3, Problem 3",
            ],
            file: "Playbooks/apigw_throttled.yaml"
        )
    }

    private static var `auth_credentials_missing`: Playbook {
        Playbook(
            id: "auth_credentials_missing",
            title: "401 and the request carried no credentials",
            layer: "auth",
            severity: "critical",
            confidence: 0.4,
            when: [
                .summary(path: "credentials_sent", test: ValueTest(equals: JSONValue.bool(false))),
                .any([
                    .status([.code(401)]),
                    .hop(HopTest(name: "cloudflare-access", roles: nil, generated: true, upstream: nil)),
                    .header(name: "Location", test: ValueTest(matches: "cloudflareaccess\\.com/cdn-cgi/access/login|/cdn-cgi/access/login|/oauth2/(start|sign_in)|login\\.microsoftonline\\.com/[^/]+/(oauth2|saml2)|accounts\\.google\\.com/(o/oauth2|signin)|/realms/[^/]+/protocol/openid-connect/auth|\\.okta\\.com/(oauth2|login|app/)|\\.auth0\\.com/(authorize|login|u/login)|/adfs/ls")),
                    .field(path: "redirects[].location", test: ValueTest(matches: "cloudflareaccess\\.com/cdn-cgi/access/login|/cdn-cgi/access/login|/oauth2/(start|sign_in)|login\\.microsoftonline\\.com/[^/]+/(oauth2|saml2)|accounts\\.google\\.com/(o/oauth2|signin)|/realms/[^/]+/protocol/openid-connect/auth|\\.okta\\.com/(oauth2|login|app/)|\\.auth0\\.com/(authorize|login|u/login)|/adfs/ls")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{method}} {{url}} carried no Authorization, X-Api-Key or Cookie header and the server answered {{status}} {{reason}}: the endpoint requires credentials the client did not send: a token lost by the client, a header dropped by a proxy or CORS preflight, or an identity source header name that differs from the one sent.",
            remediation: [
                "Send the credentials the endpoint expects, e.g. curl -H 'Authorization: Bearer <token>' {{url}} (Cognito authorizers read the header named in identitySource).",
                "Check which header the authorizer reads: aws apigateway get-authorizers --rest-api-id <api-id> --query 'items[].identitySource' (REST) or aws apigatewayv2 get-authorizers --api-id <api-id> --query 'Items[].IdentitySource' (HTTP API).",
                "If a CDN sits in front, make sure it forwards Authorization: CloudFront drops it unless the origin request policy or cache policy includes it.",
                "In a browser, check the request actually sets the header (fetch with headers, CORS allowing Authorization in Access-Control-Allow-Headers).",
            ],
            verify: [
                "httpdiag check {{url}} -H 'Authorization: Bearer <token>' answers 2xx",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html",
                "https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized",
                "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/auth_credentials_missing.yaml"
        )
    }

    private static var `auth_forbidden`: Playbook {
        Playbook(
            id: "auth_forbidden",
            title: "Credentials were accepted but the principal lacks permission (403)",
            layer: "auth",
            severity: "critical",
            confidence: 0.35,
            when: [
                .any([
                    .all([
                        .status([.code(403)]),
                        .summary(path: "credentials_sent", test: ValueTest(equals: JSONValue.bool(true))),
                    ]),
                    .all([
                        .status([.code(400), .code(403)]),
                        .any([
                            .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^AccessDeniedException")),
                            .body(ValueTest(matches: "AccessDeniedException|is not authorized to perform|UnauthorizedOperation|AuthorizationErrorException|\"status\" ?: ?\"PERMISSION_DENIED\"")),
                        ]),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{method}} {{url}} carried credentials and the server answered {{status}} {{reason}} and no more specific cause matched: the caller is authenticated but not allowed this action: missing scope, group or role, an object-level check in the application, or an IAM policy without this action.",
            remediation: [
                "Decode the token and compare its scope / cognito:groups / roles with what the endpoint requires (`cut -d. -f2 | base64 -d`).",
                "HTTP API JWT authorizer (error=\"insufficient_scope\"): request a token with the route's scopes, or change them: aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-scopes <scope>",
                "REST API with Cognito scopes: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query authorizationScopes",
                "Read the application's authorization log for this request (by time and request id) to see which rule denied it.",
            ],
            verify: [
                "httpdiag check {{url}} with the new token or role answers 2xx",
                "CloudWatch metric 4XXError (AWS/ApiGateway) or the application's 403 rate drops to its baseline.",
            ],
            references: [
                "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html",
                "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1",
            ],
            file: "Playbooks/auth_forbidden.yaml"
        )
    }

    private static var `auth_token_expired`: Playbook {
        Playbook(
            id: "auth_token_expired",
            title: "The bearer token's exp is in the past",
            layer: "auth",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(401)]),
                .any([
                    .field(path: "request.token.expired", test: ValueTest(equals: JSONValue.bool(true))),
                    .body(ValueTest(matches: "The incoming token has expired|token (has )?expired|jwt expired")),
                    .header(name: "WWW-Authenticate", test: ValueTest(matches: "token has expired|expired")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{status}} to a bearer token that expired at {{field:request.token.exp}} ({{field:request.token.expires_in_seconds}} s from the probe's clock): the client kept using an old access/ID token instead of refreshing it (Cognito tokens live 1 hour by default, 5 minutes to 1 day).",
            remediation: [
                "Refresh before use; Amplify refreshes with the refresh token when you ask for the session:\n```javascript\nconst session = await Auth.currentSession();   // refreshes an expired token\nconst token = session.getAccessToken().getJwtToken();\n```\n",
                "Without an SDK: aws cognito-idp initiate-auth --client-id <client-id> --auth-flow REFRESH_TOKEN_AUTH --auth-parameters REFRESH_TOKEN=<refresh-token> (add SECRET_HASH if the client has a secret)",
                "Retry once on 401 after a refresh; refresh proactively when exp is less than 5 minutes away.",
                "If tokens are too short-lived for the use case: aws cognito-idp update-user-pool-client --user-pool-id <pool-id> --client-id <client-id> --access-token-validity 2 --token-validity-units AccessToken=hours (update-user-pool-client resets unspecified settings: pass the current ones too).",
                "Check the client's clock (NTP) if fresh tokens are reported expired.",
            ],
            verify: [
                "Decode the token now sent and check exp is in the future (`cut -d. -f2 | base64 -d`).",
                "httpdiag check {{url}} -H 'Authorization: Bearer <fresh token>' answers 2xx",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops; Cognito TokenRefreshSuccesses (AWS/Cognito) rises.",
            ],
            references: [
                "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html",
                "https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/auth_token_expired.yaml"
        )
    }

    private static var `auth_token_rejected`: Playbook {
        Playbook(
            id: "auth_token_rejected",
            title: "A token was sent and rejected for another reason (signature, issuer, not a JWT, wrong pool)",
            layer: "auth",
            severity: "critical",
            confidence: 0.4,
            when: [
                .status([.code(401)]),
                .any([
                    .field(path: "request.token.format", test: ValueTest(exists: true)),
                    .summary(path: "credentials_sent", test: ValueTest(equals: JSONValue.bool(true))),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{status}} {{reason}} to a {{field:request.token.format}} bearer token ({{field:request.token.length}} characters) and no more specific cause matched: the authorizer did not accept it, because it is not a JWT, its signature does not verify against the issuer's JWKS, it comes from another user pool or IdP, or a Lambda authorizer threw \"Unauthorized\".",
            remediation: [
                "Decode the token (`cut -d. -f2 | base64 -d`) and compare iss, token_use, aud/client_id and exp with the authorizer's configuration.",
                "REST Cognito authorizer: aws apigateway get-authorizers --rest-api-id <api-id> --query 'items[].{type:type,pools:providerARNs,source:identitySource}' (the pool in providerARNs must issue the token; the header in identitySource must carry it).",
                "HTTP API JWT authorizer: aws apigatewayv2 get-authorizers --api-id <api-id> --query 'Items[].JwtConfiguration' (Issuer must equal the token's iss exactly).",
                "Lambda authorizer: aws apigateway test-invoke-authorizer --rest-api-id <api-id> --authorizer-id <authorizer-id> --headers Authorization='Bearer <token>' and read /aws/lambda/<authorizer-function> logs.",
                "Send the token in the header the authorizer reads, with the scheme it expects (Cognito authorizers take the raw token or \"Bearer <token>\").",
            ],
            verify: [
                "httpdiag check {{url}} -H 'Authorization: Bearer <token>' answers 2xx",
                "CloudWatch metric 4XXError of the stage (AWS/ApiGateway) drops; execution logs no longer show \"Unauthorized request\".",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized",
                "https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/auth_token_rejected.yaml"
        )
    }

    private static var `aws_access_key_invalid`: Playbook {
        Playbook(
            id: "aws_access_key_invalid",
            title: "The AWS access key id does not exist or was deleted",
            layer: "aws-auth",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .body(ValueTest(matches: "<Code>InvalidAccessKeyId</Code>")),
                    .all([
                        .any([
                            .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^(UnrecognizedClientException|InvalidClientTokenId)")),
                            .body(ValueTest(matches: "UnrecognizedClientException|<Code>InvalidClientTokenId</Code>")),
                        ]),
                        .requestHeader(name: "X-Amz-Security-Token", test: ValueTest(exists: false)),
                        .not(.field(path: "request.url", test: ValueTest(matches: "X-Amz-Security-Token="))),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS answered {{status}} {{body_match:<Code>[A-Za-z]+</Code>|The AWS Access Key Id you provided does not exist in our records\\.?|The security token included in the request is invalid\\.?}} to a request signed with long-term keys (no session token was sent): the access key id is unknown to AWS: deleted or deactivated, mistyped, from another partition (China, GovCloud), or a temporary ASIA... key sent without its session token.",
            remediation: [
                "Find which key the client signs with: aws configure list; aws sts get-caller-identity (fails the same way with a dead key).",
                "Check the key in the owning account: aws iam list-access-keys --user-name <user> (Status Active?); when it was last used: aws iam get-access-key-last-used --access-key-id <key-id>",
                "Rotate: aws iam create-access-key --user-name <user>, update the secret store / CI variable / environment, then aws iam update-access-key --access-key-id <old-id> --status Inactive and delete it later.",
                "A key starting with ASIA is temporary: send it with its session token (AWS_SESSION_TOKEN / X-Amz-Security-Token), or better, use a role instead of stored keys.",
                "Check for stale env vars overriding the profile: env | grep AWS_",
            ],
            verify: [
                "aws sts get-caller-identity with the client's credentials prints the expected ARN",
                "httpdiag check {{url}} (re-signed) no longer answers {{body_match:<Code>[A-Za-z]+</Code>|UnrecognizedClientException}}",
                "CloudTrail (in the account that owns the resource) stops recording errorCode InvalidAccessKeyId / InvalidClientTokenId.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
                "https://repost.aws/knowledge-center/s3-access-key-error",
            ],
            file: "Playbooks/aws_access_key_invalid.yaml"
        )
    }

    private static var `aws_credentials_expired`: Playbook {
        Playbook(
            id: "aws_credentials_expired",
            title: "The temporary AWS credentials (session token) expired",
            layer: "aws-auth",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .body(ValueTest(matches: "<Code>ExpiredToken</Code>")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^ExpiredToken")),
                    .body(ValueTest(matches: "ExpiredTokenException|The security token included in the request is expired|The provided token has expired")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS answered {{status}}: {{body_match:The provided token has expired\\.?|The security token included in the request is expired}}. The request was signed with temporary credentials (an STS/SSO/role session, an instance or task role copied elsewhere) whose session ended; every request signed with them, including presigned URLs, fails until new credentials are fetched.",
            remediation: [
                "Refresh the credentials: for SSO profiles aws sso login --profile <profile>; for an assumed role, assume it again: aws sts assume-role --role-arn <role-arn> --role-session-name <name> --duration-seconds 3600",
                "Let the SDK refresh them: use a profile with role_arn/source_profile or credential_process, or the default provider chain (instance/task/Lambda role), instead of exporting AWS_SESSION_TOKEN once into a long-running process.",
                "If sessions must live longer, raise the role's maximum: aws iam update-role --role-name <role> --max-session-duration 43200 (role chaining stays capped at 1 hour).",
                "Presigned URLs signed by a role session expire with the session: sign long-lived URLs with an IAM user's keys (or use CloudFront signed URLs).",
            ],
            verify: [
                "aws sts get-caller-identity with the same credentials succeeds",
                "httpdiag check {{url}} (re-signed) no longer answers ExpiredToken",
                "CloudTrail: no new events with errorCode ExpiredToken / ExpiredTokenException for the role session.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
                "https://repost.aws/knowledge-center/sdk-avoid-expired-credentials",
                "https://github.com/bustle/aws-sudo/issues/11",
            ],
            file: "Playbooks/aws_credentials_expired.yaml"
        )
    }

    private static var `aws_request_clock_skew`: Playbook {
        Playbook(
            id: "aws_request_clock_skew",
            title: "The signing clock is off by more than 15 minutes (RequestTimeTooSkewed)",
            layer: "aws-auth",
            severity: "critical",
            confidence: 0.93,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .body(ValueTest(matches: "<Code>RequestTimeTooSkewed</Code>")),
                    .body(ValueTest(matches: "Signature expired: [0-9]{8}T[0-9]{6}Z is now earlier than")),
                    .body(ValueTest(matches: "Signature not yet current: [0-9]{8}T[0-9]{6}Z is still later than")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^RequestTimeTooSkewed")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS answered {{status}} because the request's signing time is too far from its clock ({{body_match:<RequestTime>[^<]+</RequestTime><ServerTime>[^<]+</ServerTime>|Signature (expired|not yet current): [^\"<]+}}; server Date {{header:Date}}). SigV4 accepts at most 15 minutes of skew: the client's clock is wrong (no NTP, a paused VM or container, a wrong time zone treated as UTC).",
            remediation: [
                "Check and fix the client's clock: timedatectl status; chronyc tracking (System time offset); on EC2 use the Amazon Time Sync Service: echo 'server 169.254.169.123 prefer iburst' | sudo tee -a /etc/chrony.conf && sudo systemctl restart chronyd",
                "Compare with AWS's clock: curl -sI https://s3.amazonaws.com | grep -i '^date' versus date -u",
                "Containers and Lambda use the host clock; for laptops/VMs resumed from sleep, force a sync (sudo chronyc makestep) before signing.",
                "Let the SDK correct for skew as a stopgap: boto3 and the JS SDK v3 retry with the server's time (JS v2: new AWS.S3({correctClockSkew: true})).",
                "If X-Amz-Date is built by hand, format it as UTC (YYYYMMDD'T'HHMMSS'Z'), not local time.",
            ],
            verify: [
                "chronyc tracking shows a System time offset well under a second",
                "httpdiag check {{url}} (re-signed) no longer answers RequestTimeTooSkewed",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html",
                "https://github.com/aws/aws-sdk-php/issues/612",
                "https://github.com/versity/versitygw/issues/1514",
            ],
            file: "Playbooks/aws_request_clock_skew.yaml"
        )
    }

    private static var `aws_security_token_invalid`: Playbook {
        Playbook(
            id: "aws_security_token_invalid",
            title: "The security token in the request is invalid or missing",
            layer: "aws-auth",
            severity: "critical",
            confidence: 0.88,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .body(ValueTest(matches: "<Code>InvalidToken</Code>")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^(UnrecognizedClientException|InvalidClientTokenId)")),
                    .body(ValueTest(matches: "UnrecognizedClientException|<Code>InvalidClientTokenId</Code>|The security token included in the request is invalid")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS answered {{status}}: {{body_match:The provided token is malformed or otherwise invalid\\.?|The security token included in the request is invalid\\.?|[A-Za-z]+Exception}}. The session token sent with temporary credentials is truncated, belongs to other keys, comes from another Region's STS endpoint that is not enabled, or a temporary key was sent without its token.",
            remediation: [
                "Send the access key, secret and session token of the same session together: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (a stale AWS_SESSION_TOKEN left in the environment breaks new long-term keys).",
                "Fetch a fresh session and compare: aws sts get-caller-identity; aws sts assume-role --role-arn <role-arn> --role-session-name debug",
                "Check the token is not truncated by a header-size limit, a copy/paste or a secret store (session tokens are 400-1200+ characters).",
                "Tokens from a regional STS endpoint are only valid in Regions enabled for the account; for opt-in Regions get v2 tokens: aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token",
                "Sign with the token: SigV4 requests carry it in X-Amz-Security-Token (header, or query for presigned URLs).",
            ],
            verify: [
                "aws sts get-caller-identity with the same three values succeeds",
                "httpdiag check {{url}} (re-signed) answers 2xx",
                "CloudTrail stops recording errorCode InvalidToken / UnrecognizedClientException for the caller.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html",
                "https://repost.aws/knowledge-center/iam-security-token-invalid",
            ],
            file: "Playbooks/aws_security_token_invalid.yaml"
        )
    }

    private static var `aws_signature_mismatch`: Playbook {
        Playbook(
            id: "aws_signature_mismatch",
            title: "The SigV4 signature does not match (wrong secret, method, headers or query)",
            layer: "aws-auth",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .body(ValueTest(matches: "<Code>SignatureDoesNotMatch</Code>")),
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^(InvalidSignatureException|SignatureDoesNotMatch)")),
                    .body(ValueTest(matches: "The request signature we calculated does not match the signature you provided")),
                ]),
                .not(.body(ValueTest(matches: "Signature expired|Signature not yet current|RequestTimeTooSkewed"))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS answered {{status}}: {{body_match:The request signature we calculated does not match the signature you provided[^<\"]*}}. The {{method}} request to {{host}} was signed with a different secret key, or altered after signing: another method than the presigned one, a header or query parameter added, changed or re-encoded by a proxy, or a Content-Type that differs from the signed one.",
            remediation: [
                "Check the key pair the client uses: aws sts get-caller-identity with the same profile/env; a rotated or mistyped secret (trailing space, newline from a secret store) signs wrongly.",
                "For a presigned URL, send exactly the signed method (a URL presigned for get_object fails with HEAD or PUT) and, for PUT, exactly the signed Content-Type: curl -X PUT -H 'Content-Type: <signed type>' --upload-file f '<presigned-url>'",
                "Do not let a proxy, CDN or HTTP client rewrite the URL: + versus %20, double encoding of the key, a reordered query, or an added header that is in SignedHeaders; through CloudFront, do not forward the viewer's Host/Authorization to an S3 origin (use OAC).",
                "Compare the <CanonicalRequest> and <StringToSign> in S3's error body with what your signer logged (boto3: boto3.set_stream_logger('botocore.auth', logging.DEBUG)).",
                "Prefer the SDK's signer over hand-written SigV4; sign with the bucket's Region and service 's3' (execute-api for API Gateway).",
            ],
            verify: [
                "aws s3api head-object --bucket {{bucket}} --key <key> (same credentials) succeeds",
                "httpdiag check '<new presigned URL>' -X <signed method> answers 2xx",
                "CloudTrail (S3 data events or the service's events) no longer records errorCode SignatureDoesNotMatch for the access key.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
            ],
            file: "Playbooks/aws_signature_mismatch.yaml"
        )
    }

    private static var `bad_request`: Playbook {
        Playbook(
            id: "bad_request",
            title: "400 with no more specific cause",
            layer: "http",
            severity: "critical",
            confidence: 0.3,
            when: [
                .status([.code(400)]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} to {{method}} {{url}} and no more specific playbook matched: the server rejected the request itself (syntax, missing or invalid parameters, body not matching the expected schema or Content-Type). The body says: {{body_match:^[\\s\\S]{0,160}}}",
            remediation: [
                "Read the error body in full: curl -sv -X {{method}} {{url}} ... (the message usually names the field).",
                "Check the request against the API's contract: Content-Type matches the body ({{request_header:Content-Type}}), JSON is valid (jq . body.json), required query/header parameters are present.",
                "For API Gateway, enable execution logging on the stage and read the validation message: aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO",
                "Compare with the last request that worked (client version, SDK upgrade, deployment of a new schema).",
            ],
            verify: [
                "The corrected request answers 2xx: httpdiag check {{url}} -X {{method}} ...",
                "CloudWatch metric 4XXError (AWS/ApiGateway) or HTTPCode_Target_4XX_Count (AWS/ApplicationELB) returns to its baseline.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation.html",
                "knowledge-base.md section 3, Problem 4",
            ],
            file: "Playbooks/bad_request.yaml"
        )
    }

    private static var `client_error`: Playbook {
        Playbook(
            id: "client_error",
            title: "The server refused the request with a 4xx status (no more specific cause found)",
            layer: "http",
            severity: "critical",
            confidence: 0.15,
            when: [
                .status([.klass(4)]),
            ],
            support: [
                .body(ValueTest(matches: "CSRF verification failed|CSRF token (missing|mismatch|invalid)|InvalidAuthenticityToken|Page Expired")),
            ],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} to {{method}} {{url}}: the server says the request itself is the problem (its method, headers, body, URL, or the client's standing), and no more specific playbook matched.",
            remediation: [
                "Read the status and body as the server meant them: `curl -sv {{url}}` (RFC 9110 section 15.5 defines each 4xx; the body often names the field or rule).",
                "Compare with a request that works (same URL from a browser or the API's documented example): method, Content-Type, Accept, Host and the body's shape are the usual differences.",
                "Find the request in the server's access and error logs by time and path to read the reason it logged.",
            ],
            verify: [
                "`httpdiag check {{url}}` with the corrected request answers 2xx.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#section-15.5",
            ],
            file: "Playbooks/client_error.yaml"
        )
    }

    private static var `cloudflare_origin_error`: Playbook {
        Playbook(
            id: "cloudflare_origin_error",
            title: "Cloudflare could not get a valid answer from the origin (52x)",
            layer: "cdn",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(520), .code(521), .code(522), .code(523), .code(524), .code(525), .code(526), .code(527), .code(530)]),
                .hop(HopTest(name: "cloudflare", roles: nil, generated: nil, upstream: nil)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Cloudflare (CF-RAY {{header:CF-RAY}}) answered {{status}} {{reason}} itself: 520 empty or invalid origin response, 521 origin refused the connection, 522 TCP connect timed out, 523 origin unreachable, 524 origin accepted but sent no response within 100 s, 525 TLS handshake with the origin failed, 526 invalid origin certificate (Full strict), 530 with a 1xxx error (DNS of the origin).",
            remediation: [
                "Test the origin directly, bypassing Cloudflare: curl -sv --resolve {{host}}:{{port}}:<origin-ip> {{url}} (use the origin IP from the DNS record in the Cloudflare dashboard)",
                "521/522: allow Cloudflare's ranges (https://www.cloudflare.com/ips/) in the origin firewall / security group and check the web server listens on 80/443.",
                "524: make the request finish within 100 s, or move it to a background job (Enterprise plans can raise proxy_read_timeout).",
                "525/526: install a valid certificate on the origin (or a Cloudflare Origin CA certificate) that covers {{host}}, with TLS 1.2+; check with openssl s_client -connect <origin-ip>:{{port}} -servername {{host}}.",
                "520: read the origin's error log for crashes or oversized headers at the time of the Ray ID.",
            ],
            verify: [
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
                "The 5xx error-rate of the zone in Cloudflare Analytics (Traffic, origin status codes) returns to its baseline.",
            ],
            references: [
                "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/",
                "https://github.com/YuliangXiu/ICON/issues/210",
                "https://github.com/danielbachhuber/gutenberg-plugin-compatibility/issues/17",
                "https://github.com/cloudflare/cloudflared/issues/15",
            ],
            file: "Playbooks/cloudflare_origin_error.yaml"
        )
    }

    private static var `cloudfront_alternate_domain_not_configured`: Playbook {
        Playbook(
            id: "cloudfront_alternate_domain_not_configured",
            title: "The host name is not an alternate domain name (CNAME) of the distribution, or its certificate does not cover it",
            layer: "cdn",
            severity: "critical",
            confidence: 0.88,
            when: [
                .any([
                    .all([
                        .status([.code(403)]),
                        .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "<HR noshade size=\"1px\">\\s*Bad request\\.")),
                        .not(.field(path: "request.url", test: ValueTest(matches: "^http://"))),
                    ]),
                    .all([
                        .failure(["tls_hostname_mismatch"]),
                        .field(path: "tls.chain[].sans[]", test: ValueTest(matches: "^DNS:\\*?\\.?cloudfront\\.net$")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront answered for {{host}} but the distribution that owns these edge addresses does not list {{host}} as an alternate domain name (CNAME), or the distribution's certificate does not cover it: CloudFront answers a generated \"403 Bad request\" (or presents its default *.cloudfront.net certificate) instead of routing to an origin ({{hops}}).",
            remediation: [
                "Find the distribution the DNS record should point to: dig +short {{host}} CNAME, then aws cloudfront list-distributions --query \"DistributionList.Items[].{id:Id,domain:DomainName,aliases:Aliases.Items}\"",
                "Add {{host}} to that distribution's Aliases and attach an ACM certificate (us-east-1) whose SANs cover it:\n```bash\naws acm request-certificate --region us-east-1 --domain-name {{host}} --validation-method DNS\naws cloudfront get-distribution-config --id <distribution-id> > dist.json\n# in DistributionConfig: \"Aliases\": {\"Quantity\": 1, \"Items\": [\"{{host}}\"]},\n# \"ViewerCertificate\": {\"ACMCertificateArn\": \"arn:aws:acm:us-east-1:<account-id>:certificate/<id>\", \"SSLSupportMethod\": \"sni-only\", \"MinimumProtocolVersion\": \"TLSv1.2_2021\"}\naws cloudfront update-distribution --id <distribution-id> --if-match <ETag> --distribution-config file://config.json\n```\n",
                "If the alias is attached to another distribution (or another account), move it (aws cloudfront associate-alias --target-distribution-id <distribution-id> --alias {{host}}) or fix the Route 53 alias record so it targets the right dXXXX.cloudfront.net name.",
                "For Amplify Hosting, finish the custom-domain activation so Amplify adds the alias to its managed distribution.",
            ],
            verify: [
                "aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Aliases.Items' lists {{host}}",
                "openssl s_client -connect {{host}}:{{port}} -servername {{host}} </dev/null | openssl x509 -noout -ext subjectAltName covers {{host}}",
                "httpdiag check {{url}} answers without the generated 403 Bad request; CloudWatch 4xxErrorRate of the distribution returns to its baseline.",
            ],
            references: [
                "https://repost.aws/knowledge-center/resolve-cloudfront-bad-request-error",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html",
                "https://github.com/aws-amplify/amplify-hosting/issues/2734",
                "https://github.com/mnapoli/externals/issues/195",
            ],
            file: "Playbooks/cloudfront_alternate_domain_not_configured.yaml"
        )
    }

    private static var `cloudfront_cached_error`: Playbook {
        Playbook(
            id: "cloudfront_cached_error",
            title: "CloudFront serves a cached error response (error caching minimum TTL)",
            layer: "cdn",
            severity: "critical",
            confidence: 0.94,
            when: [
                .failure(["http_status"]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: nil, upstream: nil)),
                .header(name: "X-Cache", test: ValueTest(matches: "^Error from cloudfront")),
                .header(name: "Age", test: ValueTest(matches: "^\\s*[1-9][0-9]*\\s*$")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The {{status}} came from CloudFront's cache (X-Cache: {{header:X-Cache}}, Age: {{header:Age}} s): the edge stored an earlier error response and replays it for the error caching minimum TTL (10 s by default, longer with a custom error response or Cache-Control from the origin), so the origin may already be healthy again. Fix the original cause, then shorten the error TTL or invalidate.",
            remediation: [
                "Invalidate the cached error now: aws cloudfront create-invalidation --distribution-id <distribution-id> --paths '{{field:request.url}}' (or '/*')",
                "Check the error caching TTLs: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.CustomErrorResponses.Items[].{code:ErrorCode,ttl:ErrorCachingMinTTL}'; set ErrorCachingMinTTL to 0-10 for 5xx codes.",
                "Stop the origin from making errors cacheable (no Cache-Control max-age on 4xx/5xx responses).",
                "Find and fix the original error with the origin's own logs; for failover use an origin group whose FailoverCriteria include the status (knowledge-base.md section 1 Scenario 2).",
            ],
            verify: [
                "aws cloudfront get-invalidation --distribution-id <distribution-id> --id <invalidation-id> shows Completed",
                "httpdiag check {{url}} answers 2xx or at least without an Age header on the error",
                "CloudWatch (AWS/CloudFront, us-east-1) 5xxErrorRate / 4xxErrorRate fall while the origin's own error metric stays at 0.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HTTPStatusCodes.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/custom-error-pages-expiration.html",
                "https://stackoverflow.com/questions/20664018/cloudfront-custom-origin-distribution-returns-502-error-the-request-could-not-b",
                "knowledge-base.md section 1 Scenario 2 (invalidate cache post-failover)",
            ],
            file: "Playbooks/cloudfront_cached_error.yaml"
        )
    }

    private static var `cloudfront_geo_restriction`: Playbook {
        Playbook(
            id: "cloudfront_geo_restriction",
            title: "The distribution's geographic restriction blocks the viewer's country",
            layer: "cdn",
            severity: "critical",
            confidence: 0.95,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "configured to block access from your country")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) itself answered {{status}} with \"{{body_match:The Amazon CloudFront distribution is configured to block access from your country}}\": the distribution's geo restriction (allow or block list) excludes the country CloudFront derived from the client address {{address}}; the origin was never contacted.",
            remediation: [
                "Show the restriction: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Restrictions.GeoRestriction'",
                "If the country should be served, edit the list (allow list shown) and apply it with the ETag:\n```bash\naws cloudfront get-distribution-config --id <distribution-id> > dist.json\n# edit DistributionConfig.Restrictions.GeoRestriction: {\"RestrictionType\": \"whitelist\", \"Quantity\": 3, \"Items\": [\"US\",\"DE\",\"PL\"]}\naws cloudfront update-distribution --id <distribution-id> --if-match <ETag> --distribution-config file://config.json\n```\n",
                "If the block is intended, serve a friendly page with a custom error response for 403 (CustomErrorResponses, ResponsePagePath) instead of the generated one.",
                "Users behind VPNs or corporate egress in another country see this too; a WAF geo-match rule is an alternative when you need per-path exceptions.",
            ],
            verify: [
                "aws cloudfront get-distribution --id <distribution-id> --query 'Distribution.Status' answers Deployed after the change",
                "httpdiag check {{url}} from the affected country (or a host there) answers 2xx",
                "CloudWatch metric 4xxErrorRate of the distribution (AWS/CloudFront, Region us-east-1) falls; the access log's x-edge-detailed-result-type no longer shows the geo-blocked 403s (sc-status 403, x-edge-result-type Error).",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/georestrictions.html",
                "https://github.com/curiefense/curiefense/issues/824",
                "https://github.com/moby/moby/issues/34058",
                "knowledge-base.md section 1 Scenario 1 (Geo-Restrictions); section 3 Problem 1 step 1",
            ],
            file: "Playbooks/cloudfront_geo_restriction.yaml"
        )
    }

    private static var `cloudfront_lambda_edge_error`: Playbook {
        Playbook(
            id: "cloudfront_lambda_edge_error",
            title: "A Lambda@Edge function or CloudFront Function failed, returned an invalid result, or lacks permissions",
            layer: "cdn",
            severity: "critical",
            confidence: 0.93,
            when: [
                .status([.code(502), .code(503)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "The Lambda function|The CloudFront function|Lambda@Edge")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) generated {{status}}: \"{{body_match:The (Lambda|CloudFront) function[^.<]*}}\". A function associated with the cache behavior failed before the origin was used: its execution role does not trust edgelambda.amazonaws.com, the association points at $LATEST or a deleted version, it threw, timed out or was throttled (503), or it returned a request/response object that fails validation (502).",
            remediation: [
                "List the associations: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.DefaultCacheBehavior.{lambda:LambdaFunctionAssociations.Items,functions:FunctionAssociations.Items}'",
                "The execution role must trust both services (a common cause of \"invalid or doesn't have the required permissions\"):\n```json\n{\"Effect\": \"Allow\", \"Principal\": {\"Service\": [\"lambda.amazonaws.com\", \"edgelambda.amazonaws.com\"]}, \"Action\": \"sts:AssumeRole\"}\n```\n`aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`\n",
                "Associate a published numbered version (not $LATEST): aws lambda publish-version --function-name <fn> --region us-east-1, then update the distribution's LambdaFunctionArn.",
                "Read the function's logs in the Region of the edge location ({{header:X-Amz-Cf-Pop}}): aws logs tail /aws/lambda/us-east-1.<fn> --region <edge-region> --since 30m",
                "For \"returned invalid JSON\" or validation errors, return the request/response object exactly (async handler or callback, headers as lists of {key,value}, body within the size limits).",
                "For a CloudFront Function: aws cloudfront test-function --name <fn> --if-match <ETag> --event-object fileb://event.json",
            ],
            verify: [
                "CloudWatch (AWS/CloudFront, us-east-1) LambdaExecutionError, LambdaValidationError and LambdaLimitExceededError of the distribution fall to 0 (FunctionExecutionErrors/FunctionValidationErrors for CloudFront Functions).",
                "httpdiag check {{url}} answers 2xx",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-503-service-unavailable.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html#http-502-lambda-validation-error",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html",
                "https://github.com/serverless-nextjs/serverless-next.js/issues/146",
                "https://github.com/reimagined/resolve/issues/2125",
                "https://github.com/cdklabs/construct-hub/pull/402",
                "knowledge-base.md section 1 (Lambda@Edge)",
            ],
            file: "Playbooks/cloudfront_lambda_edge_error.yaml"
        )
    }

    private static var `cloudfront_misdirected_request`: Playbook {
        Playbook(
            id: "cloudfront_misdirected_request",
            title: "421 Misdirected Request: the TLS SNI and the Host header name different distributions",
            layer: "cdn",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(421)]),
                .any([
                    .hop(HopTest(name: "cloudfront", roles: nil, generated: nil, upstream: nil)),
                    .body(ValueTest(matches: "<center>CloudFront</center>")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront answered {{status}} {{reason}} to {{method}} {{url}}: the name sent in the TLS handshake (SNI) and the Host header ({{request_header:Host}}) belong to different distributions (or the Host is no alias of the distribution that terminated TLS), so CloudFront refuses to route the request. Typical causes: a client or proxy that reuses one HTTP/2 connection for several host names, a hard-coded Host header, or domain fronting.",
            remediation: [
                "Send the Host header that matches the connection's SNI (remove hard-coded Host headers: curl -H 'Host: ...' against another CloudFront name reproduces it).",
                "Check that both names are aliases of the intended distribution: aws cloudfront list-distributions --query \"DistributionList.Items[].{id:Id,aliases:Aliases.Items}\"",
                "If one certificate covers names served by different distributions, clients may coalesce HTTP/2 connections across them; split the certificate per distribution or serve the names from one distribution.",
                "In a proxy in front of CloudFront, set the upstream SNI to the forwarded host (nginx proxy_ssl_server_name on; proxy_ssl_name $host).",
            ],
            verify: [
                "curl -sv https://{{host}}/ -o /dev/null answers without 421 (the SNI and Host now agree)",
                "httpdiag check {{url}} answers 2xx; the distribution's access log shows no 421 for the client.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#name-421-misdirected-request",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html",
                "https://github.com/rvrsh3ll/FindFrontableDomains/issues/11",
            ],
            file: "Playbooks/cloudfront_misdirected_request.yaml"
        )
    }

    private static var `cloudfront_origin_dns_failure`: Playbook {
        Playbook(
            id: "cloudfront_origin_dns_failure",
            title: "CloudFront could not resolve the origin's domain name",
            layer: "cdn",
            severity: "critical",
            confidence: 0.93,
            when: [
                .status([.code(502)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "wasn't able to resolve the origin domain name|NonS3OriginDnsError")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) generated {{status}}: \"{{body_match:CloudFront wasn't able to resolve the origin domain name}}\" (NonS3OriginDnsError). The origin domain name in the distribution has no A/AAAA record that the edge can resolve: a typo, a deleted record or load balancer, a private hosted zone, or a broken delegation.",
            remediation: [
                "Show the origin domain names: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Origins.Items[].DomainName'",
                "Resolve each from a public resolver: dig +short <origin-domain> @8.8.8.8 (an empty answer or NXDOMAIN confirms it); dig <origin-domain> +trace for the delegation",
                "The origin must be publicly resolvable; CloudFront cannot use a Route 53 private hosted zone. For a deleted ALB or API, point the origin at the new DNS name (aws elbv2 describe-load-balancers --query 'LoadBalancers[].DNSName').",
                "Update the origin: aws cloudfront update-distribution --id <distribution-id> --if-match <ETag> --distribution-config file://config.json",
            ],
            verify: [
                "dig +short <origin-domain> @8.8.8.8 returns addresses",
                "CloudWatch (AWS/CloudFront, us-east-1) 5xxErrorRate of the distribution drops back; the access log's x-edge-detailed-result-type no longer shows NonS3OriginDnsError.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html#http-502-dns-error",
                "https://github.com/aws-amplify/amplify-hosting/issues/1840",
            ],
            file: "Playbooks/cloudfront_origin_dns_failure.yaml"
        )
    }

    private static var `cloudfront_origin_timeout`: Playbook {
        Playbook(
            id: "cloudfront_origin_timeout",
            title: "504: the origin did not answer within CloudFront's origin response timeout",
            layer: "cdn",
            severity: "critical",
            confidence: 0.8,
            when: [
                .status([.code(504)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .not(.body(ValueTest(matches: "Lambda function|CloudFront function"))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) generated {{status}} {{reason}} after {{field:timings.total_ms}} ms: the origin accepted the request but did not send a response within the origin response timeout (30 s by default, for every retry), or the connection attempts timed out.",
            remediation: [
                "Read the origin's timeouts: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Origins.Items[].{id:Id,read:CustomOriginConfig.OriginReadTimeout,keepalive:CustomOriginConfig.OriginKeepaliveTimeout,attempts:ConnectionAttempts,connect:ConnectionTimeout}'",
                "Time the origin directly: curl -s -o /dev/null -w '%{time_starttransfer}\\n' https://<origin-domain>{{field:request.url}} -H 'Host: {{host}}'",
                "Make the slow request faster (database queries, cold starts) or move it to an asynchronous job; raise OriginReadTimeout (up to 60 s, more via a quota increase) only if the work must stay synchronous.",
                "Keep the origin's own timeouts consistent (ALB idle timeout >= OriginReadTimeout, Gunicorn --timeout below the ALB's; knowledge-base.md section 5).",
                "Check the origin firewall allows CloudFront (prefix list com.amazonaws.global.cloudfront.origin-facing): dropped SYNs also end in 504.",
            ],
            verify: [
                "CloudWatch (AWS/CloudFront, us-east-1) 504ErrorRate (additional metrics) falls to 0 and OriginLatency p99 stays below OriginReadTimeout.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-504-gateway-timeout.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#DownloadDistValuesOriginResponseTimeout",
                "https://github.com/fedora-copr/copr/issues/4345",
                "https://github.com/NIyueeE/ds-free-api/issues/25",
                "knowledge-base.md section 1 Scenario 2; section 5 (Gunicorn timeout)",
            ],
            file: "Playbooks/cloudfront_origin_timeout.yaml"
        )
    }

    private static var `cloudfront_origin_tls_failure`: Playbook {
        Playbook(
            id: "cloudfront_origin_tls_failure",
            title: "TLS between CloudFront and the custom origin failed (origin certificate, protocol or cipher)",
            layer: "cdn",
            severity: "critical",
            confidence: 0.75,
            when: [
                .status([.code(502)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .not(.body(ValueTest(matches: "resolve the origin domain name|Lambda function|CloudFront function|Lambda@Edge"))),
                .any([
                    .body(ValueTest(matches: "SSL|TLS|certificate|handshake")),
                    .not(.body(ValueTest(matches: "wasn't able to connect to the origin|attempted to establish a connection with the origin"))),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) generated a {{status}} without naming a DNS, Lambda or connection failure. AWS lists the SSL/TLS negotiation with a custom origin first among the causes of this 502: the origin certificate is expired, self-signed, missing its intermediates, or covers neither the origin domain name nor the forwarded Host ({{host}}), or the origin offers no protocol/cipher CloudFront accepts.",
            remediation: [
                "Inspect the origin's certificate as CloudFront sees it: openssl s_client -connect <origin-domain>:<origin-https-port> -servername <origin-domain> -showcerts </dev/null | openssl x509 -noout -subject -ext subjectAltName -enddate",
                "If the Host header is forwarded, the certificate must also cover {{host}}: openssl s_client -connect <origin-domain>:<origin-https-port> -servername {{host}} </dev/null",
                "Replace a self-signed or expired certificate with one from a public CA (ACM on an ALB origin) and serve the full chain (leaf + intermediates).",
                "Check the origin protocols CloudFront may use: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Origins.Items[].CustomOriginConfig.{policy:OriginProtocolPolicy,ssl:OriginSslProtocols.Items}' and enable TLSv1.2 on both sides.",
                "After the fix, invalidate cached errors: aws cloudfront create-invalidation --distribution-id <distribution-id> --paths '/*'",
            ],
            verify: [
                "httpdiag check https://<origin-domain>/ answers without a TLS error (certificate verified, name matches)",
                "CloudWatch (AWS/CloudFront, us-east-1) 5xxErrorRate (and 502ErrorRate with additional metrics) of the distribution returns to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html",
                "https://github.com/widdix/aws-cf-templates/issues/68",
                "https://github.com/yegor256/jare/issues/9",
                "knowledge-base.md section 1 (HTTPS with ACM); section 7",
            ],
            file: "Playbooks/cloudfront_origin_tls_failure.yaml"
        )
    }

    private static var `cloudfront_origin_unreachable`: Playbook {
        Playbook(
            id: "cloudfront_origin_unreachable",
            title: "CloudFront could not connect to the origin, or the origin closed the connection",
            layer: "cdn",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(502), .code(504)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "wasn't able to connect to the origin|attempted to establish a connection with the origin")),
                .not(.body(ValueTest(matches: "SSL|TLS|certificate|resolve the origin domain name"))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) generated {{status}}: \"{{body_match:CloudFront (wasn't able to connect to the origin|attempted to establish a connection with the origin[^.]*)}}\". The edge could not open (or keep) a TCP connection to the origin: the origin is down, does not listen on the origin's HTTP/HTTPS port, or a security group / NACL / firewall drops CloudFront's addresses; an origin group whose failover criteria omit this status does not fail over.",
            remediation: [
                "Find the origin and its ports: aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Origins.Items[].{id:Id,domain:DomainName,http:CustomOriginConfig.HTTPPort,https:CustomOriginConfig.HTTPSPort,policy:CustomOriginConfig.OriginProtocolPolicy}'",
                "Test the origin directly from outside: curl -sv --connect-timeout 10 https://<origin-domain>:<origin-port>/ -H 'Host: {{host}}'",
                "Allow CloudFront to reach the origin: add the managed prefix list to the origin's security group: aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=<pl-id of com.amazonaws.global.cloudfront.origin-facing>}]' (find it with aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing)",
                "If the origin is an ALB or EC2 instance, check that it is running and its targets are healthy (aws elbv2 describe-target-health --target-group-arn <tg-arn>).",
                "For failover, use an origin group whose FailoverCriteria include 502, 503 and 504 (knowledge-base.md section 1 Scenario 2), then invalidate cached errors: aws cloudfront create-invalidation --distribution-id <distribution-id> --paths '/*'",
            ],
            verify: [
                "CloudWatch (AWS/CloudFront, us-east-1) 5xxErrorRate of the distribution drops; with additional metrics enabled, OriginLatency returns and 502ErrorRate/504ErrorRate fall to 0.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-502-bad-gateway.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-504-gateway-timeout.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html",
                "https://github.com/EdOverflow/can-i-take-over-xyz/issues/66",
                "https://github.com/dyatko/arkit/issues/848",
                "knowledge-base.md section 1 Scenario 2",
            ],
            file: "Playbooks/cloudfront_origin_unreachable.yaml"
        )
    }

    private static var `cloudfront_s3_origin_access_denied`: Playbook {
        Playbook(
            id: "cloudfront_s3_origin_access_denied",
            title: "CloudFront reached S3 and S3 refused it (bucket policy lacks the OAI/OAC grant)",
            layer: "cdn",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: "cloudfront", roles: nil, generated: nil, upstream: nil)),
                .hop(HopTest(name: "s3", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "<Code>AccessDenied</Code>")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "CloudFront ({{header:X-Amz-Cf-Pop}}) forwarded the request and S3 answered {{status}} AccessDenied: the bucket policy does not let the distribution's origin access identity or origin access control read {{url}}.",
            remediation: [
                "Allow the distribution to read the bucket (OAC shown; for a legacy OAI use the principal\n\"AWS\": \"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <OAI-ID>\"):\n```json\n{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Principal\": {\"Service\": \"cloudfront.amazonaws.com\"},\n    \"Action\": \"s3:GetObject\",\n    \"Resource\": \"arn:aws:s3:::{{bucket}}/*\",\n    \"Condition\": {\"StringEquals\": {\"AWS:SourceArn\": \"arn:aws:cloudfront::<account-id>:distribution/<distribution-id>\"}}\n  }]\n}\n```\n",
                "Apply it: aws s3api put-bucket-policy --bucket {{bucket}} --policy file://policy.json",
                "Check that the origin of the distribution uses that OAC/OAI (origin settings), not public access.",
                "If the object may be missing, also grant s3:ListBucket on arn:aws:s3:::{{bucket}} so S3 answers 404 instead of 403.",
            ],
            verify: [
                "aws s3api get-bucket-policy --bucket {{bucket}} --query Policy --output text",
                "aws cloudfront get-distribution-config --id <distribution-id> --query 'DistributionConfig.Origins.Items[].{id:Id,oac:OriginAccessControlId,oai:S3OriginConfig.OriginAccessIdentity}'",
                "CloudWatch metric 4xxErrorRate of the distribution (AWS/CloudFront, Region us-east-1) falls back to its baseline.",
            ],
            references: [
                "https://repost.aws/knowledge-center/s3-website-cloudfront-error-403",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
                "knowledge-base.md section 3, Problem 1",
            ],
            file: "Playbooks/cloudfront_s3_origin_access_denied.yaml"
        )
    }

    private static var `cognito_access_token_instead_of_id_token`: Playbook {
        Playbook(
            id: "cognito_access_token_instead_of_id_token",
            title: "An access token was sent to a Cognito authorizer without OAuth scopes, which expects an ID token",
            layer: "auth",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(401)]),
                .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                .field(path: "request.token.token_use", test: ValueTest(equals: JSONValue.string("access"))),
                .not(.field(path: "request.token.expired", test: ValueTest(equals: JSONValue.bool(true)))),
                .header(name: "WWW-Authenticate", test: ValueTest(exists: false)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} to a Cognito access token (token_use = access, client_id = {{field:request.token.client_id}}, scope = \"{{field:request.token.scope}}\"). A REST API Cognito user-pool authorizer with no OAuth scopes on the method validates ID tokens (token_use = id) only, so the access token is rejected as Unauthorized.",
            remediation: [
                "Send the ID token (Amplify shown):\n```javascript\nconst session = await Auth.currentSession();\nconst idToken = session.getIdToken().getJwtToken();\nawait fetch(url, { headers: { Authorization: idToken } });\n```\n",
                "Or keep the access token and require scopes on the method, which makes the authorizer accept access tokens: aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --patch-operations op=add,path=/authorizationScopes,value=<resource-server>/<scope>, then aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
                "Check the method's current scopes and authorizer: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query '{auth:authorizationType,scopes:authorizationScopes}'",
            ],
            verify: [
                "Decode the token the client now sends (jwt.io or `cut -d. -f2 | base64 -d`) and check token_use is id (or that the method lists the access token's scope).",
                "aws apigateway test-invoke-authorizer --rest-api-id <api-id> --authorizer-id <authorizer-id> --headers Authorization=<token> returns 200",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html",
                "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html",
                "https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/cognito_access_token_instead_of_id_token.yaml"
        )
    }

    private static var `cognito_id_token_instead_of_access_token`: Playbook {
        Playbook(
            id: "cognito_id_token_instead_of_access_token",
            title: "An ID token was sent where the authorizer expects an access token",
            layer: "auth",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(401)]),
                .any([
                    .hop(HopTest(name: "apigateway-rest", roles: nil, generated: nil, upstream: nil)),
                    .hop(HopTest(name: "apigateway-http", roles: nil, generated: nil, upstream: nil)),
                ]),
                .field(path: "request.token.token_use", test: ValueTest(equals: JSONValue.string("id"))),
            ],
            support: [],
            against: [
                .field(path: "request.token.expired", test: ValueTest(equals: JSONValue.bool(true))),
            ],
            lookAlikes: [],
            explanation: "API Gateway answered {{status}} to a Cognito ID token (token_use = id, aud = {{field:request.token.aud[]}}). A Cognito authorizer with OAuth scopes configured only accepts access tokens (token_use = access), which carry the scopes.",
            remediation: [
                "Send the access token, not the ID token (Amplify shown):\n```javascript\nconst session = await Auth.currentSession();\nconst accessToken = session.getAccessToken().getJwtToken();\nawait fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } });\n```\n",
                "Check which scopes the method requires: aws apigateway get-method --rest-api-id <api-id> --resource-id <resource-id> --http-method {{method}} --query authorizationScopes",
                "If the API should accept ID tokens, remove the OAuth scopes from the method (the authorizer then validates ID tokens).",
            ],
            verify: [
                "Decode the token the client now sends (jwt.io or `cut -d. -f2 | base64 -d`) and check token_use is access.",
                "httpdiag check {{url}} -H 'Authorization: Bearer <access token>' answers 2xx",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway) drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html",
                "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html",
                "knowledge-base.md section 3, Problem 7",
            ],
            file: "Playbooks/cognito_id_token_instead_of_access_token.yaml"
        )
    }

    private static var `cognito_sign_in_rejected`: Playbook {
        Playbook(
            id: "cognito_sign_in_rejected",
            title: "Cognito refused the sign-in itself (wrong password, user not confirmed, password reset required, user locked)",
            layer: "auth",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(400)]),
                .any([
                    .hop(HopTest(name: "cognito", roles: nil, generated: nil, upstream: nil)),
                    .field(path: "request.url", test: ValueTest(matches: "^https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com")),
                ]),
                .any([
                    .header(name: "x-amzn-ErrorType", test: ValueTest(matches: "^(NotAuthorizedException|UserNotConfirmedException|PasswordResetRequiredException|UserNotFoundException)")),
                    .body(ValueTest(matches: "\"__type\"\\s*:\\s*\"(NotAuthorizedException|UserNotConfirmedException|PasswordResetRequiredException|UserNotFoundException)\"")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Cognito ({{host}}) answered {{status}} {{body_match:(NotAuthorized|UserNotConfirmed|PasswordResetRequired|UserNotFound)Exception}} \"{{body_match:Incorrect username or password\\.|User is not confirmed\\.|Password reset required for the user|User does not exist\\.|User is disabled\\.|Password attempts exceeded|Unable to verify secret hash for client \\S+|Access Token has been revoked|Invalid Refresh Token|Refresh Token has expired}}\": the user pool rejected the credentials or the user's state (wrong username or password, too many attempts, user not confirmed, admin required a password reset, user disabled, or a missing/wrong SECRET_HASH), so no tokens were issued and every API call after it fails.",
            remediation: [
                "Check the user's state: aws cognito-idp admin-get-user --user-pool-id <pool-id> --username <username> --query '{status:UserStatus,enabled:Enabled}'",
                "UNCONFIRMED: confirm the code the user received (aws cognito-idp confirm-sign-up --client-id <client-id> --username <username> --confirmation-code <code>) or, as an admin, aws cognito-idp admin-confirm-sign-up --user-pool-id <pool-id> --username <username>",
                "RESET_REQUIRED / FORCE_CHANGE_PASSWORD: aws cognito-idp admin-set-user-password --user-pool-id <pool-id> --username <username> --password '<new password>' --permanent (or let the user run forgot-password / confirm-forgot-password)",
                "Disabled user ('User is disabled.'): aws cognito-idp admin-enable-user --user-pool-id <pool-id> --username <username>",
                "'Unable to verify secret hash for client': the app client has a secret; send SECRET_HASH = Base64(HMAC_SHA256(client_secret, username + client_id)) or use a client without a secret for public apps.",
                "'Password attempts exceeded': wait for the lockout to expire; do not retry in a loop.",
                "Check the auth flow is enabled on the client: aws cognito-idp describe-user-pool-client --user-pool-id <pool-id> --client-id <client-id> --query UserPoolClient.ExplicitAuthFlows",
            ],
            verify: [
                "aws cognito-idp initiate-auth --client-id <client-id> --auth-flow USER_PASSWORD_AUTH --auth-parameters USERNAME=<username>,PASSWORD='<password>' returns AuthenticationResult",
                "aws cognito-idp admin-get-user ... shows UserStatus CONFIRMED and Enabled true",
                "CloudWatch metric SignInSuccesses (AWS/Cognito, dimensions UserPool and UserPoolClient) recovers; CloudTrail shows no more failed InitiateAuth for the user.",
            ],
            references: [
                "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html",
                "https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html",
                "https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash",
                "https://repost.aws/knowledge-center/cognito-unable-to-verify-secret-hash",
            ],
            file: "Playbooks/cognito_sign_in_rejected.yaml"
        )
    }

    private static var `connection_reset_by_peer`: Playbook {
        Playbook(
            id: "connection_reset_by_peer",
            title: "The peer reset the TCP connection",
            layer: "tcp",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["connection_reset"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The peer at {{address}} reset the connection ({{error}}): a process closed the socket with unread data, a firewall or load balancer injected a reset (idle timeout, connection tracking table full, a policy rule), or the server crashed mid-request.",
            remediation: [
                "Find where the reset comes from: `tcpdump -ni any 'tcp[tcpflags] & tcp-rst != 0 and host {{address}}'` while reproducing; the TTL of the RST packet tells a middlebox from the host.",
                "On the server: `ss -tni` for retransmits, `nstat -az | grep -i -E 'reset|overflow'` (listen queue overflows reset new connections), the server's error log for crashes.",
                "Idle connections through a NAT gateway or load balancer are reset after its idle timeout (350 s for an AWS NAT gateway): enable TCP keep-alives or shorter pooling.",
            ],
            verify: [
                "`httpdiag check {{url}} --samples 10` shows no resets.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html#CURLERECVERROR",
                "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html",
            ],
            file: "Playbooks/connection_reset_by_peer.yaml"
        )
    }

    private static var `dns_high_ttl_slows_failover`: Playbook {
        Playbook(
            id: "dns_high_ttl_slows_failover",
            title: "Long DNS TTLs on a failing endpoint: a failover or record change reaches clients late",
            layer: "dns",
            severity: "warning",
            confidence: 0.2,
            when: [
                .summary(path: "max_dns_ttl", test: ValueTest(gt: 300.0)),
                .any([
                    .failure(["connect_refused", "connect_timeout", "network_unreachable", "connection_reset", "empty_reply", "timeout", "tls_handshake", "tls_cert_expired", "tls_hostname_mismatch", "tls_untrusted"]),
                    .status([.code(502), .code(503), .code(504)]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{field:dns.name}} resolved to {{address}} with a TTL of up to {{field:dns.queries[].answers[].ttl}} s, and that address is failing ({{error}}). Even once Route 53 fails over or the record is changed, resolvers keep the old answer until the TTL runs out, so the outage outlasts the fix.",
            remediation: [
                "See the TTL resolvers hand out: `dig +noall +answer {{field:dns.name}} A` (second column; a public resolver counts it down: `dig @8.8.8.8 {{field:dns.name}}`).",
                "Lower the TTL of failover, weighted and multivalue records to 60 s: aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://ttl-60.json (UPSERT the same record with \"TTL\": 60). Before a planned change, lower the TTL at least one old TTL ahead.",
                "Prefer alias records to CloudFront, ALB/NLB or API Gateway: Route 53 answers them with the target's own TTL (60 s for ELB), and failover with health checks (`Failover: PRIMARY/SECONDARY`, HealthCheckId) switches automatically.",
                "Meanwhile fix the failing endpoint itself: the other diagnosis of this check names it; or bring a working service up on {{address}} until caches expire.",
            ],
            verify: [
                "`dig +noall +answer {{field:dns.name}}` shows TTL ≤ 60 at the authoritative servers (`dig @<ns-from-hosted-zone> {{field:dns.name}}`).",
                "After a failover drill, Route 53 HealthCheckStatus (AWS/Route53) flips and clients reach the secondary within TTL + health-check interval × failure threshold.",
            ],
            references: [
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-dns.html",
                "https://www.rfc-editor.org/rfc/rfc1035#section-3.2.1",
                "knowledge-base.md section 1, Route 53 Scenario 1 (use low TTLs, e.g. 60 seconds)",
            ],
            file: "Playbooks/dns_high_ttl_slows_failover.yaml"
        )
    }

    private static var `dns_no_address`: Playbook {
        Playbook(
            id: "dns_no_address",
            title: "The name exists but has no A/AAAA record (NOERROR, no data)",
            layer: "dns",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["dns_no_address"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{field:dns.name}} exists (rcode {{field:dns.queries[].rcode}}) but no address record came back: {{error}}. The zone has other record types under that name (TXT, MX, only AAAA or only A), or a CNAME points at a name without addresses.",
            remediation: [
                "See what exists under the name: `dig {{field:dns.name}} ANY +noall +answer`, `dig {{field:dns.name}} A`, `dig {{field:dns.name}} AAAA` and `dig {{field:dns.name}} CNAME`; follow a CNAME to its target and query that too.",
                "List the records in Route 53: aws route53 list-resource-record-sets --hosted-zone-id <zone-id> --query \"ResourceRecordSets[?Name == '{{field:dns.name}}.']\"",
                "Create the missing A (and AAAA for IPv6 clients) record, as an alias to the CloudFront distribution or load balancer: aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://alias.json (AliasTarget.HostedZoneId Z2FDTNDATAQYW2 for CloudFront).",
                "A private hosted zone with the same name shadows the public zone inside its VPCs: `aws route53 list-hosted-zones-by-vpc --vpc-id <vpc-id> --vpc-region <region>` and add the record there too.",
            ],
            verify: [
                "`dig +short {{field:dns.name}} A` and `dig +short {{field:dns.name}} AAAA` return addresses",
                "httpdiag check {{url}} no longer reports dns_no_address",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc2308#section-2.2",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/troubleshooting-domain-unavailable.html",
                "knowledge-base.md section 1, Route 53",
            ],
            file: "Playbooks/dns_no_address.yaml"
        )
    }

    private static var `dns_nxdomain`: Playbook {
        Playbook(
            id: "dns_nxdomain",
            title: "The name does not exist (NXDOMAIN)",
            layer: "dns",
            severity: "critical",
            confidence: 0.95,
            when: [
                .failure(["dns_nxdomain"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The resolver answered NXDOMAIN for {{field:dns.name}}: no record of that name exists in the zone, the name is misspelt, or the zone is not delegated to the servers that hold it.",
            remediation: [
                "Check the spelling of the host name in the client's configuration: {{host}}.",
                "List the records of the hosted zone: aws route53 list-resource-record-sets --hosted-zone-id <zone-id> --query \"ResourceRecordSets[?Name == '{{field:dns.name}}.']\"",
                "If the record should exist, create it (an alias to CloudFront or an ALB): aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://record.json",
                "Check the delegation: dig NS <zone> +trace; the NS records at the parent must match the hosted zone's name servers (aws route53 get-hosted-zone --id <zone-id>).",
            ],
            verify: [
                "dig +short {{field:dns.name}} A and dig +short {{field:dns.name}} AAAA return addresses",
                "httpdiag check {{url}} no longer reports dns_nxdomain",
            ],
            references: [
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/troubleshooting-domain-unavailable.html",
                "knowledge-base.md section 1, Route 53",
            ],
            file: "Playbooks/dns_nxdomain.yaml"
        )
    }

    private static var `dns_servfail`: Playbook {
        Playbook(
            id: "dns_servfail",
            title: "The resolver failed (SERVFAIL or REFUSED): broken DNSSEC chain or lame delegation",
            layer: "dns",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["dns_servfail", "dns_refused"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Resolving {{field:dns.name}} failed with {{field:dns.queries[].rcode}} ({{error}}): the name may exist, but the resolver could not get a validated answer from the zone's name servers (a DNSSEC chain that does not validate, or name servers that do not serve the zone: a lame delegation).",
            remediation: [
                "Tell DNSSEC from delegation: `dig {{field:dns.name}} A` fails but `dig +cd {{field:dns.name}} A` (checking disabled) answers, so validation fails: the DS record at the parent does not match the zone's KSK.",
                "Trace the delegation: `dig +trace {{field:dns.name}}`; every NS the parent lists must answer authoritatively (`dig @<ns> {{field:dns.name}} SOA +norec` shows the `aa` flag; REFUSED or SERVFAIL from one of them is a lame delegation).",
                "Route 53: compare the parent's NS set with the hosted zone's: `aws route53 get-hosted-zone --id <zone-id> --query DelegationSet.NameServers` and `dig NS <zone> @<parent-tld-server>`; for a domain registered in Route 53 fix it with `aws route53domains update-domain-nameservers --domain-name <domain> --nameservers Name=<ns1> Name=<ns2> ...`.",
                "Route 53 DNSSEC: `aws route53 get-dnssec --hosted-zone-id <zone-id>` must show the KSK ACTIVE (ACTION_NEEDED means the KMS key is disabled or its key policy lost the dnssec-route53.amazonaws.com grant); when disabling signing, remove the DS record at the registrar first and wait for its TTL before `aws route53 disable-hosted-zone-dnssec`.",
                "Inspect the chain visually: https://dnsviz.net/d/{{field:dns.name}}/dnssec/ or `delv {{field:dns.name}}` (prints the validation failure reason).",
            ],
            verify: [
                "`dig {{field:dns.name}} A` returns status NOERROR with the `ad` flag (validated) from a validating resolver such as 1.1.1.1 or 8.8.8.8.",
                "Route 53 hosted zone metrics DNSSECInternalFailure and DNSSECKeySigningKeysNeedingAction (AWS/Route53, us-east-1) are 0.",
                "httpdiag check {{url}} no longer reports dns_servfail",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc4035#section-5",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-troubleshoot.html",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-disable.html",
                "https://www.rfc-editor.org/rfc/rfc8499#section-7",
                "knowledge-base.md section 1, Route 53 (DNSSEC)",
            ],
            file: "Playbooks/dns_servfail.yaml"
        )
    }

    private static var `dns_timeout`: Playbook {
        Playbook(
            id: "dns_timeout",
            title: "No name server answered the query (DNS timeout)",
            layer: "dns",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["dns_timeout"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "No answer came for {{field:dns.name}} (query rcode {{field:dns.queries[].rcode}}, server {{field:dns.server}}): {{error}}. The resolver is unreachable (port 53 blocked, wrong resolv.conf, resolver endpoint down or throttled) or the zone's authoritative servers do not answer it.",
            remediation: [
                "Find which hop is silent: `dig {{field:dns.name}}` (the local resolver), `dig @1.1.1.1 {{field:dns.name}}` (a public one) and `dig +trace {{field:dns.name}}` (the authoritative chain). If only the local resolver times out, the problem is between the client and its resolver.",
                "Check the configured resolver: `cat /etc/resolv.conf` (`resolvectl status` with systemd-resolved). In a VPC it is the Route 53 Resolver at the VPC base + 2 (or 169.254.169.253); the VPC needs `enableDnsSupport`: `aws ec2 describe-vpc-attribute --vpc-id <vpc-id> --attribute enableDnsSupport`.",
                "Custom resolvers: security groups and network ACLs must allow UDP and TCP 53 both ways (NACLs are stateless: allow the ephemeral return ports 1024-65535). Route 53 Resolver endpoints: `aws route53resolver list-resolver-endpoints` and the endpoint's security group.",
                "Throttling: the Route 53 Resolver accepts 1024 packets per second per network interface; on an EC2 instance `ethtool -S eth0 | grep linklocal_allowance_exceeded` counts the drops. Cache locally (systemd-resolved, nscd, dnsmasq) if it grows.",
                "If the authoritative servers are silent (`dig +trace` stops at the zone), check that the NS records at the parent name live servers: `aws route53 get-hosted-zone --id <zone-id> --query DelegationSet.NameServers`.",
            ],
            verify: [
                "`dig {{field:dns.name}} +tries=1 +time=2` answers within a few milliseconds from the client's network.",
                "Route 53 Resolver endpoint metric InboundQueryVolume / OutboundQueryVolume (AWS/Route53Resolver) is non-zero, and linklocal_allowance_exceeded stops growing.",
                "httpdiag check {{url}} no longer reports dns_timeout",
            ],
            references: [
                "https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html",
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-network-performance-ena.html",
                "https://repost.aws/knowledge-center/vpc-find-cause-of-failed-dns-queries",
                "https://www.rfc-editor.org/rfc/rfc1536",
            ],
            file: "Playbooks/dns_timeout.yaml"
        )
    }

    private static var `dynamodb_key_schema_mismatch`: Playbook {
        Playbook(
            id: "dynamodb_key_schema_mismatch",
            title: "The application's error carries DynamoDB's key-schema ValidationException (wrong partition key)",
            layer: "lambda",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(400), .klass(5)]),
                .body(ValueTest(matches: "The provided key element does not match the schema|Query condition missed key schema element")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The application answered {{status}} and its body quotes DynamoDB: \"{{body_match:(ValidationException[):\\s]*)?(The provided key element does not match the schema|Query condition missed key schema element[^\"}]*)}}\". The GetItem/UpdateItem/DeleteItem key or the Query's KeyConditionExpression does not use the table's key attributes with their exact names and types (e.g. userId as a number where the table defines a string, or a missing sort key).",
            remediation: [
                "Read the table's key schema: aws dynamodb describe-table --table-name <table> --query '{keys: Table.KeySchema, types: Table.AttributeDefinitions}'",
                "Query on the partition key exactly as defined (KB fix, Python); use an index (IndexName) for any other attribute:\n```python\nuser_id = event['queryStringParameters']['userId']\nresponse = table.query(\n    KeyConditionExpression='userId = :id',\n    ExpressionAttributeValues={':id': user_id}   # same type as the key: str for S, int/Decimal for N\n)\n```\n",
                "For get_item/update_item pass every key attribute (partition and sort key) and nothing else: Key={'userId': user_id, 'createdAt': ts}",
                "Reproduce outside the app: aws dynamodb get-item --table-name <table> --key '{\"userId\": {\"S\": \"42\"}}'",
                "Return 4xx for bad input and log the exception, instead of passing DynamoDB's message to clients as a 500.",
            ],
            verify: [
                "aws logs tail /aws/lambda/<function> --since 15m --filter-pattern ValidationException shows no new errors",
                "CloudWatch metrics Errors of the function (AWS/Lambda) and UserErrors of the account (AWS/DynamoDB) return to their baseline.",
                "httpdiag check {{url}} answers 2xx",
            ],
            references: [
                "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html",
                "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html",
                "https://github.com/MitocGroup/deep-framework/issues/538",
                "https://github.com/anomalyco/guide/issues/333",
                "knowledge-base.md section 3, Problem 5",
            ],
            file: "Playbooks/dynamodb_key_schema_mismatch.yaml"
        )
    }

    private static var `health_check_failing`: Playbook {
        Playbook(
            id: "health_check_failing",
            title: "The health check path answers non-2xx or malformed, so load balancers drain the target",
            layer: "http",
            severity: "critical",
            confidence: 0.7,
            when: [
                .field(path: "request.url", test: ValueTest(matches: "^https?://[^/]+(/[^?#]*)?/(health|healthz|healthcheck|health-check|ready|readyz|readiness|livez|liveness|status|ping)/?([?#].*)?$")),
                .any([
                    .status([.klass(4), .klass(5)]),
                    .failure(["empty_reply", "protocol_error", "connection_reset", "body_truncated", "timeout"]),
                ]),
                .not(.hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "nginx", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "envoy", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "cloudflare", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "apigateway-rest", roles: nil, generated: true, upstream: nil))),
                .not(.hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The health endpoint {{url}} itself answered {{status}} {{reason}} (or failed: {{error}}), with no gateway signature: the application reports itself unhealthy (a dependency check failing), the route does not exist, or the response is malformed. A load balancer or orchestrator using this path marks the target unhealthy and drains it, which shows up to users as 502/503.",
            remediation: [
                "Call it on the target directly and read the reason: curl -sv http://<target-ip>:<target-port>{{path}}",
                "Make the path answer 200 quickly with a well-formed response and no heavy dependency checks (knowledge-base.md section 3 Problem 2):\n```javascript\napp.get('/health', (req, res) => {\n  res.setHeader('Content-Type', 'application/json');\n  res.status(200).send({ status: 'healthy' });\n});\n```\n",
                "Point the target group at it and accept only 200: aws elbv2 modify-target-group --target-group-arn <tg-arn> --health-check-path /health --matcher HttpCode=200 --health-check-timeout-seconds 5 --healthy-threshold-count 2",
                "Keep the container HEALTHCHECK consistent (knowledge-base.md section 5: HEALTHCHECK CMD curl -f http://localhost:80/health || exit 1) and the app bound to [::] as well as 0.0.0.0.",
            ],
            verify: [
                "CloudWatch AWS/ApplicationELB UnHealthyHostCount = 0 and HealthyHostCount equals the desired count (dimensions TargetGroup, LoadBalancer).",
                "aws elbv2 describe-target-health --target-group-arn <tg-arn> shows every target healthy; httpdiag check {{url}} answers 200",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
                "https://repost.aws/knowledge-center/elb-fix-failing-health-checks-alb",
                "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
                "knowledge-base.md section 3 Problem 2; section 5 (HEALTHCHECK)",
            ],
            file: "Playbooks/health_check_failing.yaml"
        )
    }

    private static var `http_sent_to_https_port`: Playbook {
        Playbook(
            id: "http_sent_to_https_port",
            title: "Plain HTTP was sent to a TLS port (or TLS to a plain-HTTP port)",
            layer: "tls",
            severity: "critical",
            confidence: 0.9,
            when: [
                .any([
                    .failure(["http_to_tls_port", "tls_peer_not_tls"]),
                    .all([
                        .status([.code(400)]),
                        .body(ValueTest(matches: "The plain HTTP request was sent to HTTPS port|You're speaking plain HTTP to an SSL-enabled server port|Client sent an HTTP request to an HTTPS server|This combination of host and port requires TLS")),
                    ]),
                    .all([
                        .failure(["empty_reply"]),
                        .field(path: "request.url", test: ValueTest(matches: "^http://[^/]+:443(/|$)")),
                    ]),
                    .field(path: "followups[].finding", test: ValueTest(oneOf: [JSONValue.string("tls_on_plain_port"), JSONValue.string("plain_http_on_tls_port")])),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The scheme and the port disagree for {{url}} ({{error}}{{body_match:The plain HTTP request was sent to HTTPS port|You're speaking plain HTTP to an SSL-enabled server port|Client sent an HTTP request to an HTTPS server}}): plain HTTP reached a port that speaks TLS (nginx answers 400, other servers send a TLS alert or close), or TLS reached a port that speaks plain HTTP.",
            remediation: [
                "Use the scheme the port speaks: https:// for 443 (and 8443), http:// for 80 (and 8080). Check both: `curl -sv http://{{host}}:{{port}}/` and `curl -sv https://{{host}}:{{port}}/`; `openssl s_client -connect {{host}}:{{port}} -servername {{host}}` prints a certificate only on a TLS port.",
                "On the server, see which listener is which: `sudo ss -ltnp` and the server config (nginx `listen 443 ssl;` vs `listen 80;`: a missing `ssl` on a 443 listener makes nginx speak plain HTTP on it).",
                "nginx: redirect plain HTTP that lands on the TLS port instead of failing: `error_page 497 =301 https://$host$request_uri;` inside the `listen 443 ssl` server.",
                "Load balancers and CDNs: the listener/origin protocol must match the target port: `aws elbv2 describe-target-groups --target-group-arns <tg-arn> --query 'TargetGroups[0].{protocol:Protocol,port:Port}'` (HTTPS target group to a plain-HTTP app, or HTTP to a TLS app, fails); CloudFront origin `OriginProtocolPolicy` with HTTPPort/HTTPSPort.",
                "Client configuration: a base URL like {{url}} (http:// to a port that speaks TLS) or https:// to a plain HTTP port in an environment variable or SDK endpoint override.",
            ],
            verify: [
                "`curl -sv https://{{host}}/` completes a TLS handshake and answers; httpdiag check against the corrected URL reports no http_to_tls_port.",
                "ALB metric TargetTLSNegotiationErrorCount / HTTPCode_ELB_502_Count (AWS/ApplicationELB) stops growing if the mismatch was between the load balancer and its targets.",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors",
                "https://www.rfc-editor.org/rfc/rfc8446#section-5.1",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-routing-configuration",
            ],
            file: "Playbooks/http_sent_to_https_port.yaml"
        )
    }

    private static var `intermittent_failure`: Playbook {
        Playbook(
            id: "intermittent_failure",
            title: "Intermittent failure: repeated requests to the same address disagree",
            layer: "http",
            severity: "critical",
            confidence: 0.45,
            when: [
                .any([
                    .all([
                        .summary(path: "mixed_addresses", test: ValueTest(gt: 0.0)),
                        .summary(path: "failed_fraction", test: ValueTest(gt: 0.0)),
                        .summary(path: "failed_fraction", test: ValueTest(lt: 1.0)),
                    ]),
                    .field(path: "followups[].finding", test: ValueTest(equals: JSONValue.string("retry_succeeded"))),
                ]),
            ],
            support: [
                .field(path: "followups[].finding", test: ValueTest(oneOf: [JSONValue.string("retry_succeeded"), JSONValue.string("retry_other_status")])),
            ],
            against: [
                .status([.code(429)]),
            ],
            lookAlikes: [],
            explanation: "The same address answered differently across samples ({{field:error.kind}} on {{address}}, sample {{field:sample}}, while other samples succeeded): one of several targets behind it is unhealthy, a process is restarting, a connection pool or keep-alive timeout misbehaves, or caches at different edges hold different answers.",
            remediation: [
                "Measure the rate and the pattern: `for i in $(seq 20); do curl -s -o /dev/null -w '%{http_code} %{time_total} %{remote_ip}\\n' {{url}}; done` (or `httpdiag check {{url}} --samples 20`).",
                "Behind an ALB, find which target fails: enable access logs and compare `target_status_code` by `target:port`; check `aws elbv2 describe-target-health --target-group-arn <tg-arn>` for targets flapping between healthy and unhealthy.",
                "Restarts: `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:10]'` or `kubectl get pods -o wide` (RESTARTS column); look for OOM kills and failing health checks.",
                "Behind CloudFront, compare edges: the `X-Amz-Cf-Pop` and `X-Cache` headers of failing and succeeding samples; a cached error at one edge needs `aws cloudfront create-invalidation --distribution-id <id> --paths '/*'` and a lower error caching TTL.",
                "Keep-alive races: the backend's idle timeout must exceed the proxy's (e.g. Gunicorn `--keep-alive 75` behind an ALB with the default 60 s idle timeout).",
            ],
            verify: [
                "ALB metrics HTTPCode_Target_5XX_Count / HTTPCode_ELB_5XX_Count and UnHealthyHostCount (AWS/ApplicationELB) return to zero; for CloudFront 5xxErrorRate (AWS/CloudFront, us-east-1).",
                "`httpdiag check {{url}} --samples 20` succeeds on every sample.",
            ],
            references: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html",
                "https://repost.aws/knowledge-center/elb-alb-troubleshoot-502-errors",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HTTPStatusCodes.html",
                "knowledge-base.md section 3, Problem 1",
            ],
            file: "Playbooks/intermittent_failure.yaml"
        )
    }

    private static var `ipv6_path_broken`: Playbook {
        Playbook(
            id: "ipv6_path_broken",
            title: "IPv6 is broken: AAAA records exist but IPv6 connections fail while IPv4 works",
            layer: "tcp",
            severity: "critical",
            confidence: 0.95,
            when: [
                .any([
                    .summary(path: "ipv6_failed_ipv4_ok", test: ValueTest(equals: JSONValue.bool(true))),
                    .field(path: "followups[].finding", test: ValueTest(equals: JSONValue.string("ipv4_ok_ipv6_fails"))),
                ]),
                .failure(["connect_refused", "connect_timeout", "network_unreachable", "connection_reset", "empty_reply", "timeout", "tls_handshake", "tls_peer_not_tls"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Every IPv6 address failed ({{address}}: {{error}}) while every IPv4 address answered. The name publishes AAAA records, so dual-stack clients try IPv6 first and fail or stall: the service is not bound to [::], the security group or NACL lacks ::/0 rules, or the subnet has no IPv6 route.",
            remediation: [
                "Bind the service to both stacks: `ss -ltnp` must show `[::]:{{port}}` (or `*:{{port}}`), not only `0.0.0.0:{{port}}`; Gunicorn `--bind [::]:{{port}}` (GUNICORN_BIND=\"[::]:{{port}}\"), nginx `listen [::]:{{port}};` beside `listen {{port}};` (with `ssl` for https), Node `server.listen(port, '::')`.",
                "Security groups and NACLs: add the IPv6 rules next to the IPv4 ones: `aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort={{port}},ToPort={{port}},Ipv6Ranges=[{CidrIpv6=::/0}]'`.",
                "Routes: the subnet's route table needs `::/0` to the internet gateway (or an egress-only gateway for outbound): `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[0].Routes[?DestinationIpv6CidrBlock]'`.",
                "Load balancers: a dualstack ALB/NLB needs IPv6 CIDRs on its subnets and targets reachable over its chosen target type; until IPv6 works end to end, remove the AAAA record (or the alias AAAA to CloudFront/ALB): `aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://delete-aaaa.json`.",
            ],
            verify: [
                "`curl -6 -sv {{url}}` and `curl -4 -sv {{url}}` both answer; `httpdiag check {{url}}` (each address probed) shows every IPv6 address OK.",
                "VPC Flow Logs show no REJECT for the IPv6 source addresses on the port.",
            ],
            references: [
                "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-migrate-ipv6.html",
                "https://docs.gunicorn.org/en/stable/settings.html#bind",
                "https://www.rfc-editor.org/rfc/rfc8305",
                "knowledge-base.md section 5 (IPv6 bind [::]:80)",
            ],
            file: "Playbooks/ipv6_path_broken.yaml"
        )
    }

    private static var `jwt_audience_mismatch`: Playbook {
        Playbook(
            id: "jwt_audience_mismatch",
            title: "The token's audience (aud or client_id) is not one the authorizer accepts",
            layer: "auth",
            severity: "critical",
            confidence: 0.95,
            when: [
                .status([.code(401), .code(403)]),
                .field(path: "request.token.format", test: ValueTest(exists: true)),
                .any([
                    .header(name: "WWW-Authenticate", test: ValueTest(matches: "does not have a valid audience|invalid[_ ]audience")),
                    .body(ValueTest(matches: "does not have a valid audience|invalid audience|audience (is )?invalid|jwt audience invalid")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The authorizer answered {{status}} and names the audience as the reason: the token from {{field:request.token.iss}} ({{hops}}) is signed by a trusted issuer but its audience (aud for ID tokens, client_id for Cognito access tokens) is not in the authorizer's audience list, typically a token from another app client, another environment's user pool client, or an IdP token issued for a different API.",
            remediation: [
                "See what the authorizer accepts: aws apigatewayv2 get-authorizers --api-id <api-id> --query 'Items[].{name:Name,issuer:JwtConfiguration.Issuer,audience:JwtConfiguration.Audience}'",
                "Cognito: an ID token carries aud = app client id, an access token carries client_id; add the client the caller uses: aws apigatewayv2 update-authorizer --api-id <api-id> --authorizer-id <authorizer-id> --jwt-configuration Audience=<client-id-1>,<client-id-2>,Issuer=https://cognito-idp.<region>.amazonaws.com/<pool-id>",
                "Or make the client request its tokens from the app client (or the IdP audience / resource parameter) the API expects.",
                "List the pool's app clients to match the id: aws cognito-idp list-user-pool-clients --user-pool-id <pool-id> --query 'UserPoolClients[].{id:ClientId,name:ClientName}'",
            ],
            verify: [
                "Decode the token (`cut -d. -f2 | base64 -d`) and check aud / client_id is one of the authorizer's audiences.",
                "httpdiag check {{url}} -H 'Authorization: Bearer <token>' answers 2xx",
                "HTTP API access log with $context.authorizer.error no longer shows the audience error; CloudWatch metric 4xx of the stage drops.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html",
                "https://github.com/aws-samples/ask-around-me/issues/3",
            ],
            file: "Playbooks/jwt_audience_mismatch.yaml"
        )
    }

    private static var `lambda_function_error`: Playbook {
        Playbook(
            id: "lambda_function_error",
            title: "The Lambda function failed (unhandled exception or a response not in the proxy format)",
            layer: "lambda",
            severity: "critical",
            confidence: 0.8,
            when: [
                .any([
                    .all([
                        .status([.code(502)]),
                        .hop(HopTest(name: "apigateway-rest", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "\"message\": ?\"Internal server error\"")),
                    ]),
                    .all([
                        .status([.code(502)]),
                        .field(path: "request.url", test: ValueTest(matches: "\\.lambda-url\\.[a-z0-9-]+\\.on\\.aws")),
                    ]),
                    .hop(HopTest(name: "lambda", roles: nil, generated: true, upstream: nil)),
                    .all([
                        .status([.code(500)]),
                        .hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "^\\{\"message\":\"Internal Server Error\"\\}$")),
                    ]),
                    .all([
                        .status([.klass(5)]),
                        .body(ValueTest(matches: "\"errorType\" ?: ?\"[A-Za-z.]+\"[\\s\\S]*\"errorMessage\"|\"errorMessage\" ?: ?\"[\\s\\S]*\"errorType\"")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}}{{body_match:\"errorMessage\" ?: ?\"[^\"]{0,120}}}: the Lambda function behind {{host}} raised an unhandled error, timed out inside the runtime, or returned something that is not a proxy response ({\"statusCode\": ..., \"headers\": {...}, \"body\": \"<string>\"}); API Gateway and function URLs turn both into a 502 and only the function's logs tell which.",
            remediation: [
                "Read the function's errors: aws logs tail /aws/lambda/<function> --since 15m --filter-pattern '?ERROR ?Task ?errorMessage'",
                "In API Gateway's execution log the cause is spelled out (\"Malformed Lambda proxy response\" or \"Lambda execution failed with status 200 due to customer function error\"): enable it with aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR",
                "Return the proxy format, with body a string, and catch errors (KB fix, Python):\n```python\ndef lambda_handler(event, context):\n    try:\n        return {\"statusCode\": 200, \"headers\": {\"Content-Type\": \"application/json\"}, \"body\": json.dumps(result)}\n    except Exception as e:\n        print(f\"ERROR {e!r}\")\n        return {\"statusCode\": 500, \"body\": json.dumps({\"error\": \"internal error\"})}\n```\nNode.js: make the handler `async` (or call the callback) so it does not exit before returning.\n",
                "Invoke it directly to see the raw output: aws lambda invoke --function-name <function> --payload fileb://event.json out.json --log-type Tail --query LogResult --output text | base64 -d; cat out.json",
                "If the errors started with a deployment, roll back the alias: aws lambda update-alias --function-name <function> --name live --function-version <previous-version>",
            ],
            verify: [
                "CloudWatch metric Errors of the function (AWS/Lambda, FunctionName) drops to 0 and 5XXError of the API stage (AWS/ApiGateway) returns to its baseline.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format",
                "https://repost.aws/knowledge-center/malformed-502-api-gateway",
                "https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html",
                "https://github.com/aws/aws-lambda-go/issues/72",
                "https://github.com/awsdocs/aws-lambda-developer-guide/issues/430",
                "knowledge-base.md section 3, Problem 5",
            ],
            file: "Playbooks/lambda_function_error.yaml"
        )
    }

    private static var `lambda_throttled`: Playbook {
        Playbook(
            id: "lambda_throttled",
            title: "The Lambda function's concurrency is exhausted (TooManyRequestsException)",
            layer: "lambda",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(429), .klass(5)]),
                .any([
                    .body(ValueTest(matches: "\"Reason\" ?: ?\"[A-Za-z]*(ConcurrentInvocation|InvocationRate|CallerRate)LimitExceeded\"")),
                    .body(ValueTest(matches: "Service: AWSLambda; Status Code: 429|\\(TooManyRequestsException\\) when calling the Invoke operation|Lambda\\.TooManyRequestsException")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Lambda refused the invocation ({{status}}, {{body_match:\"Reason\" ?: ?\"[A-Za-z]+\"|TooManyRequestsException[^\"]{0,80}}}): the function's reserved concurrency or the account's Regional concurrency is used up (or its invoke rate, 10 x concurrency per second), so extra requests are throttled instead of queued. Through an API Gateway proxy integration the same throttle shows as a 500.",
            remediation: [
                "Look at the limits: aws lambda get-function-concurrency --function-name <function> (ReservedConcurrentExecutions; 0 throttles everything) and aws lambda get-account-settings --query AccountLimit.ConcurrentExecutions",
                "Raise or remove the function's reservation: aws lambda put-function-concurrency --function-name <function> --reserved-concurrent-executions 200 (or aws lambda delete-function-concurrency --function-name <function>)",
                "Request a higher account quota (default 1000 per Region): aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 3000",
                "Shorten each invocation (concurrency = requests/s x duration): more memory (aws lambda update-function-configuration --function-name <function> --memory-size 1024), fewer cold starts with provisioned concurrency (aws lambda put-provisioned-concurrency-config --function-name <function> --qualifier live --provisioned-concurrent-executions 50).",
                "Protect the function upstream: API Gateway stage/usage-plan throttling below the function's concurrency, and client retries with exponential backoff and jitter.",
            ],
            verify: [
                "CloudWatch metric Throttles of the function (AWS/Lambda, FunctionName) drops to 0 while ConcurrentExecutions stays below the limit (ClaimedAccountConcurrency for the account).",
                "httpdiag check {{url}} --samples 20 --burst answers 2xx every time",
            ],
            references: [
                "https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html",
                "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html",
                "https://repost.aws/knowledge-center/lambda-troubleshoot-throttling",
                "https://github.com/HumanCellAtlas/data-store/issues/1118",
                "https://github.com/solo-io/envoy-gloo/pull/407",
                "knowledge-base.md section 3, Problem 3",
            ],
            file: "Playbooks/lambda_throttled.yaml"
        )
    }

    private static var `lambda_url_permission_denied`: Playbook {
        Playbook(
            id: "lambda_url_permission_denied",
            title: "A Lambda function URL refused the call (auth type or resource policy)",
            layer: "lambda",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: "lambda-url", roles: nil, generated: true, upstream: nil)),
                .body(ValueTest(matches: "For troubleshooting Function URL authorization issues")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The function URL {{host}} answered {{status}} {{header:x-amzn-ErrorType}} before invoking the function: with auth type AWS_IAM the request was unsigned or the caller lacks lambda:InvokeFunctionUrl; with auth type NONE the resource-based policy lacks the public statements (since October 2025 both lambda:InvokeFunctionUrl and lambda:InvokeFunction).",
            remediation: [
                "Check the auth type: aws lambda get-function-url-config --function-name <function> --query AuthType",
                "Read the resource-based policy: aws lambda get-policy --function-name <function> --query Policy --output text | jq .",
                "Public URL (AuthType NONE): add both statements (the console adds them; CLI, CloudFormation and Terraform do not):\n```bash\naws lambda add-permission --function-name <function> --statement-id FunctionURLAllowPublicAccess \\\n  --action lambda:InvokeFunctionUrl --principal \"*\" --function-url-auth-type NONE\naws lambda add-permission --function-name <function> --statement-id FunctionURLAllowInvokeAction \\\n  --action lambda:InvokeFunction --principal \"*\" --invoked-via-function-url\n```\n",
                "AuthType AWS_IAM: sign the request with SigV4 for service lambda (awscurl --service lambda --region <region> {{url}}) and grant the caller lambda:InvokeFunctionUrl on the function ARN; behind CloudFront use an origin access control of type lambda.",
                "Check an SCP or permissions boundary does not deny lambda:InvokeFunctionUrl for the caller's account.",
            ],
            verify: [
                "curl -s -o /dev/null -w '%{http_code}' {{url}} answers 2xx (signed with awscurl for AWS_IAM)",
                "CloudWatch metric Invocations of the function (AWS/Lambda) rises with the calls; UrlRequestCount and Url4xxCount show the 4xx share falling.",
            ],
            references: [
                "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
                "https://docs.aws.amazon.com/lambda/latest/dg/urls-monitoring.html",
                "https://github.com/awsdocs/aws-lambda-developer-guide/issues/494",
                "https://github.com/TerraConstructs/base/issues/98",
            ],
            file: "Playbooks/lambda_url_permission_denied.yaml"
        )
    }

    private static var `local_probe_error`: Playbook {
        Playbook(
            id: "local_probe_error",
            title: "A local error stopped the probe before it could reach the server",
            layer: "http",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["local_error"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The probe failed on this machine, before or without reaching the server ({{error}}): a client certificate or CA file that cannot be read, out of file descriptors or memory, or a local proxy setting that does not work.",
            remediation: [
                "Read the error: it names the file or resource. Check the paths given to `--cert`, `--key`, `--cacert` (`ls -l`), and the proxy environment (`env | grep -i _proxy`).",
                "Out of file descriptors: `ulimit -n`; raise it for the fleet runner (`LimitNOFILE=` in its systemd unit).",
                "A connect that failed here (the error names the errno: EACCES, EPERM, EADDRNOTAVAIL, EINVAL, ...): no packet left this machine. Ask its routing and firewall: `ip route get {{address}}`, `ip rule`, `sudo nft list ruleset` or `sudo iptables -S OUTPUT`; for EADDRNOTAVAIL whether it has an address of that family at all (`ip -6 addr`, `sysctl net.ipv6.conf.all.disable_ipv6`).",
            ],
            verify: [
                "`httpdiag check {{url}}` reaches the server.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html",
            ],
            file: "Playbooks/local_probe_error.yaml"
        )
    }

    private static var `malformed_multipart_request`: Playbook {
        Playbook(
            id: "malformed_multipart_request",
            title: "400 on a multipart/form-data request whose body or boundary is malformed",
            layer: "http",
            severity: "critical",
            confidence: 0.85,
            when: [
                .status([.code(400)]),
                .any([
                    .field(path: "request.body.multipart_boundary", test: ValueTest(equals: JSONValue.string(""))),
                    .field(path: "request.body.kind", test: ValueTest(equals: JSONValue.string("multipart"))),
                    .requestHeader(name: "Content-Type", test: ValueTest(matches: "^multipart/")),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The server answered {{status}} to a multipart request ({{field:request.body.kind}} body, Content-Type \"{{field:request.body.content_type}}\"). A hand-set \"Content-Type: multipart/form-data\" without a boundary (or with a boundary that is not the one in the body) cannot be parsed; behind API Gateway REST, a multipart body that is not declared a binary media type reaches the backend re-encoded and corrupt.",
            remediation: [
                "Let the HTTP client build the body and the header, never set Content-Type by hand (KB fix, Python):\n```python\nimport requests\nfiles = {\"picture\": open(\"profile.jpg\", \"rb\")}\ndata = {\"name\": \"John Doe\"}\nresponse = requests.post(url, files=files, data=data)   # sets multipart/form-data; boundary=...\n```\nJavaScript: `fetch(url, {method: \"POST\", body: formData})` without a Content-Type header; curl: `-F name=John -F picture=@profile.jpg` without `-H 'Content-Type: ...'`.\n",
                "Behind API Gateway REST (Lambda proxy), declare the binary media type and redeploy: aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations op=add,path=/binaryMediaTypes/multipart~1form-data; aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>; the Lambda then gets a base64 body (isBase64Encoded) to decode before parsing.",
                "Check the request in the API's execution or access logs (CloudWatch Logs group API-Gateway-Execution-Logs_<api-id>/<stage>) or the app's logs for the parser's message (busboy 'Multipart: Boundary not found', Go 'no multipart boundary param in Content-Type').",
                "Keep large files out of the API (10 MB API Gateway, 6 MB Lambda): upload to S3 with a presigned POST and send only the key.",
            ],
            verify: [
                "curl -v -F name=John -F picture=@profile.jpg {{url}} shows Content-Type: multipart/form-data; boundary=... and answers 2xx",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway) returns to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html",
                "https://repost.aws/knowledge-center/api-gateway-upload-image-s3",
                "https://developer.mozilla.org/en-US/docs/Web/API/FormData/Using_FormData_Objects",
                "https://www.rfc-editor.org/rfc/rfc7578",
                "knowledge-base.md section 3, Problem 4",
            ],
            file: "Playbooks/malformed_multipart_request.yaml"
        )
    }

    private static var `method_not_allowed`: Playbook {
        Playbook(
            id: "method_not_allowed",
            title: "The method is not allowed on this resource (405)",
            layer: "http",
            severity: "critical",
            confidence: 0.4,
            when: [
                .any([
                    .status([.code(405)]),
                    .all([
                        .status([.code(501)]),
                        .body(ValueTest(matches: "Unsupported method|method (is )?not (implemented|supported)|not implemented for method|Method Not Implemented")),
                    ]),
                    .all([
                        .status([.code(403), .code(400)]),
                        .body(ValueTest(matches: "not configured to allow the HTTP request method|Method Not Allowed|method is not allowed|Unsupported HTTP method")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} to {{method}} {{url}}: the resource exists but does not accept this method (Allow: {{header:Allow}}). The route is registered for other methods, a static file server refuses POST, or a proxy/WAF rule allows only some methods.",
            remediation: [
                "List the methods the resource accepts: `curl -si -X OPTIONS {{url}} | grep -i '^allow'` (the 405 should carry an Allow header).",
                "Check the route table of the application (Express `app.post`, Flask `methods=[...]`, Spring `@PostMapping`) and the proxy: nginx serving a static file answers 405 to POST; `limit_except` blocks methods.",
                "If the client follows a 301/302 after a POST it re-sends as GET: use the final URL, or 307/308 on the server.",
            ],
            verify: [
                "`httpdiag check {{url}} -X <method>` answers 2xx with the method the route accepts.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
            ],
            file: "Playbooks/method_not_allowed.yaml"
        )
    }

    private static var `mtls_client_certificate_required`: Playbook {
        Playbook(
            id: "mtls_client_certificate_required",
            title: "The server requires a client certificate (mTLS) that was not sent or was rejected",
            layer: "tls",
            severity: "critical",
            confidence: 0.95,
            when: [
                .any([
                    .failure(["tls_client_cert_required"]),
                    .all([
                        .failure(["tls_handshake"]),
                        .field(path: "tls.client_certificate_requested", test: ValueTest(equals: JSONValue.bool(true))),
                    ]),
                    .all([
                        .status([.code(400)]),
                        .body(ValueTest(matches: "No required SSL certificate was sent|The SSL certificate error")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{host}} asked for a client certificate (mutual TLS) and refused the connection: {{error}} (certificate requested {{field:tls.client_certificate_requested}}, sent {{field:tls.client_certificate_sent}}, alert {{field:tls.alert_received.name}}). No certificate was configured, or the one sent does not chain to the server's trust store, has expired, or lacks the clientAuth extended key usage.",
            remediation: [
                "Send the certificate and key: `curl --cert client.crt --key client.key {{url}}` (httpdiag takes the same flags); for a PKCS#12 bundle `curl --cert-type P12 --cert client.p12:<password> {{url}}`.",
                "Check the certificate against the server's CA: `openssl verify -CAfile truststore.pem client.crt`, dates `openssl x509 -in client.crt -noout -dates`, and usage `openssl x509 -in client.crt -noout -ext extendedKeyUsage` (must include TLS Web Client Authentication).",
                "See which CAs the server accepts: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} </dev/null | sed -n '/Acceptable client certificate CA names/,/Requested Signature/p'`.",
                "API Gateway custom domain with mTLS: `aws apigateway get-domain-name --domain-name {{host}} --query mutualTlsAuthentication` (truststore URI and version, truststoreWarnings); after updating the bundle in S3 pass the new `truststoreVersion`. Clients must call the custom domain; disable the execute-api endpoint (`disableExecuteApiEndpoint`) so mTLS cannot be bypassed.",
                "ALB mTLS: `aws elbv2 describe-listeners --listener-arns <arn> --query 'Listeners[0].MutualAuthentication'` (verify mode needs a trust store: `aws elbv2 describe-trust-stores`; passthrough forwards the certificate in X-Amzn-Mtls-Clientcert).",
                "nginx: `ssl_verify_client on;` with `ssl_client_certificate`/`ssl_trusted_certificate` holding the client CA; it answers 400 'No required SSL certificate was sent' (no certificate) or 'The SSL certificate error' (rejected).",
            ],
            verify: [
                "`curl -sv --cert client.crt --key client.key {{url}}` completes the handshake and answers 2xx.",
                "API Gateway access log field $context.identity.clientCert.subjectDN is set; ALB connection logs show tls_verify_status Success.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html",
                "https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2.4",
                "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_client",
                "https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway-tls-origination/",
                "knowledge-base.md section 7 (mTLS)",
            ],
            file: "Playbooks/mtls_client_certificate_required.yaml"
        )
    }

    private static var `non_http_response`: Playbook {
        Playbook(
            id: "non_http_response",
            title: "The server answered with something that is not HTTP",
            layer: "http",
            severity: "critical",
            confidence: 0.2,
            when: [
                .any([
                    .failure(["protocol_error"]),
                    .all([
                        .status([.klass(2)]),
                        .body(ValueTest(matches: "^(SSH-[12]\\.[0-9]+-|220[ -][^\\n]*(SMTP|ESMTP|FTP)|\\* OK [^\\n]*IMAP|\\+OK |RFB [0-9]{3}\\.[0-9]{3})")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The server at {{address}} answered, but not with HTTP ({{error}}): the port belongs to another service (SSH, SMTP, a database, Redis), speaks HTTP/2 without negotiation or gRPC, or a broken proxy or application wrote garbage before the status line.",
            remediation: [
                "See what the port says: `printf 'GET / HTTP/1.1\r\nHost: {{host}}\r\n\r\n' | nc -w 3 {{address}} {{port}} | head -c 300 | xxd | head` (an SSH or SMTP banner, a binary protocol, TLS alert bytes 15 03).",
                "Check which process owns the port: `ss -ltnp | grep :{{port}}` on the server; fix the port in the URL or the service's bind address.",
                "For h2c/gRPC backends: use a client that speaks HTTP/2 prior knowledge (`curl --http2-prior-knowledge`), or put an HTTP/1.1 listener in front.",
            ],
            verify: [
                "`httpdiag check {{url}}` gets a well-formed HTTP status line.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html#CURLEWEIRDSERVERREPLY",
            ],
            file: "Playbooks/non_http_response.yaml"
        )
    }

    private static var `not_found`: Playbook {
        Playbook(
            id: "not_found",
            title: "404 with no more specific cause",
            layer: "http",
            severity: "critical",
            confidence: 0.3,
            when: [
                .status([.code(404)]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} for {{method}} {{url}} and no more specific playbook matched: nothing is served at that path (wrong path or base path, a route not deployed, a deleted resource, or a request routed to the wrong virtual host).",
            remediation: [
                "Check the path for typos, letter case, a missing stage or version prefix and a trailing slash: {{url}}",
                "Check the Host the server saw: the same path on another virtual host or the default server answers 404 (curl -sv -H 'Host: <expected-host>' {{url}}).",
                "If the path worked before, compare with the last deployment: the route or file may have been removed or renamed (git log -- <routes file>; aws s3 ls for static sites).",
                "For an ID in the path (/users/42), the resource itself may be deleted: the body tells a missing route from a missing record.",
            ],
            verify: [
                "httpdiag check <corrected URL> answers 2xx",
                "CloudWatch metric 4XXError (AWS/ApiGateway), 4xxErrorRate (AWS/CloudFront) or HTTPCode_Target_4XX_Count (AWS/ApplicationELB) returns to its baseline.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found",
            ],
            file: "Playbooks/not_found.yaml"
        )
    }

    private static var `origin_server_error`: Playbook {
        Playbook(
            id: "origin_server_error",
            title: "The application itself failed (500 without a gateway signature)",
            layer: "http",
            severity: "critical",
            confidence: 0.3,
            when: [
                .status([.code(500)]),
            ],
            support: [],
            against: [
                .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway"], generated: true, upstream: nil)),
            ],
            lookAlikes: [],
            explanation: "The server answered {{status}} {{reason}} and no more specific playbook matched: the application raised an error while handling {{method}} {{url}}.",
            remediation: [
                "Find the request in the application's logs by time (and by request id if the response carries one).",
                "For an application on ECS/EKS/EC2 logging to CloudWatch: aws logs tail <log-group> --since 15m --filter-pattern ERROR",
                "Roll back the last deployment if the errors started with it.",
            ],
            verify: [
                "The error rate of the service (CloudWatch HTTPCode_Target_5XX_Count for an ALB target group, or the application's own metric) returns to its baseline.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "knowledge-base.md section 3, Problem 5",
            ],
            file: "Playbooks/origin_server_error.yaml"
        )
    }

    private static var `partial_backend_failure`: Playbook {
        Playbook(
            id: "partial_backend_failure",
            title: "Some addresses fail every time while others succeed (a bad backend or weighted record)",
            layer: "load-balancer",
            severity: "critical",
            confidence: 0.92,
            when: [
                .summary(path: "failed_addresses", test: ValueTest(gt: 0.0)),
                .summary(path: "ok_addresses", test: ValueTest(gt: 0.0)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Of {{field:dns.name}}'s addresses, some failed on every probe ({{address}}: {{error}}) while others answered every time. Clients that resolve to the failing address see an outage, the others do not: one backend, node or weighted/multivalue record points at something broken, and DNS still hands it out.",
            remediation: [
                "Probe each address on its own to see which fail: `for ip in $(dig +short {{host}}); do curl -s -o /dev/null -w \"$ip %{http_code}\\n\" --resolve {{host}}:{{port}}:$ip {{url}}; done`",
                "Find the record set behind the failing address: aws route53 list-resource-record-sets --hosted-zone-id <zone-id> --query \"ResourceRecordSets[?Name == '{{host}}.']\" (weighted, multivalue, latency or failover sets).",
                "Attach a health check to each weighted/multivalue/failover record so Route 53 stops answering with the failing one: `aws route53 create-health-check --caller-reference $(uuidgen) --health-check-config IPAddress={{address}},Port={{port}},Type=HTTPS,ResourcePath=/health` and set HealthCheckId on the record (or set its Weight to 0 now).",
                "If the addresses are nodes of one load balancer (one per Availability Zone), the failing AZ has no healthy targets: enable cross-zone load balancing (NLB: `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=load_balancing.cross_zone.enabled,Value=true`) or register targets in every enabled AZ.",
                "If the addresses are servers of a DNS round robin, fix or remove the failing server ({{address}}) from the record.",
            ],
            verify: [
                "Route 53 health check status: `aws route53 get-health-check-status --health-check-id <id>`; CloudWatch metric HealthCheckStatus (AWS/Route53) is 1 for every endpoint still in the record.",
                "`httpdiag check {{url}}` (every address probed) reports no failed address.",
            ],
            references: [
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#cross-zone-load-balancing",
                "knowledge-base.md section 1, Route 53 Scenario 2",
            ],
            file: "Playbooks/partial_backend_failure.yaml"
        )
    }

    private static var `payload_too_large`: Playbook {
        Playbook(
            id: "payload_too_large",
            title: "413: the body exceeds a CDN, gateway, Lambda (6 MB) or proxy limit",
            layer: "http",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(413)]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} to {{method}} {{url}} ({{body_match:HTTP content length exceeded [0-9]+ bytes|Request Too Long|Request Entity Too Large|[^<]{0,80}}}): the request body is larger than a hop accepts. API Gateway caps payloads at 10 MB (enforced by CloudFront for edge-optimized APIs), Lambda at 6 MB synchronous (API Gateway then answers {\"message\": \"Request Too Long\"}), an ALB's Lambda target at 1 MB, nginx at client_max_body_size (1 MB by default).",
            remediation: [
                "Measure what was sent: request body {{field:request.body.size}} bytes (multipart parts are listed separately); base64 (binary media types) inflates a file by 4/3.",
                "Upload large files directly to S3 instead of through the API: return a presigned PUT/POST from a small API call: aws s3 presign s3://{{bucket}}/<key> --expires-in 900 (boto3: s3.generate_presigned_post(Bucket=bucket, Key=key, Conditions=[['content-length-range', 0, 104857600]])).",
                "nginx in front: raise the limit where the upload path is served: client_max_body_size 50m; then nginx -t && nginx -s reload (the ingress-nginx annotation is nginx.ingress.kubernetes.io/proxy-body-size).",
                "The API Gateway 10 MB and Lambda 6 MB limits are hard quotas: split the payload (multipart upload to S3), compress it, or stream through a Lambda function URL with response streaming for large responses.",
            ],
            verify: [
                "Repeat with a body under the limit: head -c 1000000 /dev/urandom > small.bin && curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @small.bin {{url}}",
                "CloudWatch metric 4XXError of the API stage (AWS/ApiGateway) or 4xxErrorRate of the distribution (AWS/CloudFront) returns to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
                "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html",
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size",
                "https://github.com/koki-develop/lgtm-generator/issues/10",
            ],
            file: "Playbooks/payload_too_large.yaml"
        )
    }

    private static var `rate_limited`: Playbook {
        Playbook(
            id: "rate_limited",
            title: "Rate limited: 429 Too Many Requests from a proxy, CDN or the application",
            layer: "http",
            severity: "critical",
            confidence: 0.5,
            when: [
                .any([
                    .status([.code(429)]),
                    .all([
                        .status([.code(503)]),
                        .hop(HopTest(name: "nginx", roles: nil, generated: true, upstream: nil)),
                    ]),
                    .all([
                        .status([.code(400), .code(403), .code(503)]),
                        .any([
                            .header(name: "X-RateLimit-Remaining", test: ValueTest(equals: JSONValue.number(0.0))),
                            .header(name: "RateLimit-Remaining", test: ValueTest(equals: JSONValue.number(0.0))),
                            .body(ValueTest(matches: "ThrottlingException|ProvisionedThroughputExceededException|RequestLimitExceeded|RequestThrottled|<Code>(SlowDown|Throttling|TooManyRequests)</Code>|\"Rate exceeded\"|(API )?rate limit (exceeded|reached)|quota exceeded for quota metric|RESOURCE_EXHAUSTED|userRateLimitExceeded|rateLimitExceeded")),
                        ]),
                    ]),
                    .all([
                        .status([.code(503), .code(509)]),
                        .hop(HopTest(name: nil, roles: ["cdn", "waf", "load-balancer", "proxy", "api-gateway", "web-server"], generated: true, upstream: ["rate_limited"])),
                    ]),
                ]),
                .not(.any([
                    .hop(HopTest(name: "apigateway-rest", roles: nil, generated: true, upstream: nil)),
                    .hop(HopTest(name: "apigateway-http", roles: nil, generated: true, upstream: nil)),
                    .hop(HopTest(name: "lambda-url", roles: nil, generated: true, upstream: nil)),
                ])),
            ],
            support: [
                .field(path: "followups[].finding", test: ValueTest(equals: JSONValue.string("retry_succeeded"))),
                .header(name: "Retry-After", test: ValueTest(exists: true)),
                .any([
                    .header(name: "X-RateLimit-Limit", test: ValueTest(exists: true)),
                    .header(name: "RateLimit-Limit", test: ValueTest(exists: true)),
                    .header(name: "RateLimit-Policy", test: ValueTest(exists: true)),
                ]),
                .hop(HopTest(name: nil, roles: ["cdn", "waf", "load-balancer", "proxy", "api-gateway", "web-server"], generated: true, upstream: nil)),
            ],
            against: [],
            lookAlikes: [
                LookAlike(id: "service_unavailable", tell: "a limit answers again after a pause (httpdiag's spaced retry follow-up, or Retry-After); maintenance and overload keep answering 503", line: 38),
            ],
            explanation: "{{hops}} answered {{status}} {{reason}} (Retry-After: {{header:Retry-After}}): the client exceeded a request-rate limit of a proxy (nginx limit_req, Cloudflare, a WAF rule with a custom response) or of the application's own API quota.",
            remediation: [
                "Honour Retry-After and back off exponentially with jitter; cap concurrency on the client (the AWS SDKs' `retry_mode = adaptive` does this for AWS APIs).",
                "Find the limiter from the headers: `curl -s -D - -o /dev/null {{url}} | grep -iE '^(server|retry-after|x-ratelimit|ratelimit|cf-ray)'`; `X-RateLimit-Remaining: 0` with a reset time is the application's quota, `Server: cloudflare` with `error code: 1015` a Cloudflare rate-limiting rule, an nginx page a `limit_req` zone.",
                "nginx: raise the zone's rate or burst (`limit_req_zone $binary_remote_addr zone=api:10m rate=20r/s; limit_req zone=api burst=40 nodelay;`); behind a load balancer or CDN key the zone on the real client address (`real_ip_header X-Forwarded-For; set_real_ip_from <lb-cidr>;`), or every client shares the LB's quota.",
                "AWS WAF rate-based rule with a custom 429 response: `aws wafv2 get-rate-based-statement-managed-keys --scope REGIONAL --web-acl-name <acl> --web-acl-id <id> --rule-name <rule>` lists the throttled addresses; raise the limit or scope it down.",
                "Third-party API: request a higher quota or spread calls over time; cache responses.",
            ],
            verify: [
                "The share of 429 in the access logs (nginx `$status`, CloudFront/ALB logs) or the WAF metric BlockedRequests for the rule (AWS/WAFV2) drops.",
                "`httpdiag check {{url}} --samples 10` answers without 429 at the client's normal rate.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3",
                "https://nginx.org/en/docs/http/ngx_http_limit_req_module.html",
                "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1015/",
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html",
            ],
            file: "Playbooks/rate_limited.yaml"
        )
    }

    private static var `redirect_loop`: Playbook {
        Playbook(
            id: "redirect_loop",
            title: "Redirects never settle: a loop (CDN redirects to HTTPS, origin redirects again) or a chain longer than the limit",
            layer: "cdn",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["too_many_redirects"]),
            ],
            support: [],
            against: [
                .not(.field(path: "redirects[].loops_back", test: ValueTest(equals: JSONValue.bool(true)))),
            ],
            lookAlikes: [],
            explanation: "{{url}} kept redirecting ({{error}}; {{field:redirects[].status}} to {{field:redirects[].location}}, through {{hops}}). When the redirects loop, typically the CDN or load balancer terminates HTTPS and reaches the origin over HTTP, and the origin, seeing plain HTTP, redirects to HTTPS again: the viewer receives the same redirect forever. When the error says \"not a loop\", every Location was new: the chain is longer than the client follows.",
            remediation: [
                "Watch the loop: `curl -sIL --max-redirs 5 {{url}} | grep -iE '^(HTTP|location|server|via|x-cache)'`; the same Location repeating, with `X-Cache: Miss from cloudfront` or `Server: cloudflare`, points at the origin.",
                "CloudFront: keep ViewerProtocolPolicy `redirect-to-https` for viewers, and make the origin stop redirecting CloudFront: set the custom origin's `OriginProtocolPolicy` to `https-only` (or `match-viewer`): `aws cloudfront get-distribution-config --id <id> > cfg.json`, edit `Origins.Items[].CustomOriginConfig.OriginProtocolPolicy`, then `aws cloudfront update-distribution --id <id> --if-match <ETag> --distribution-config file://dist.json`.",
                "Or make the origin trust the forwarded scheme: redirect only when `CloudFront-Forwarded-Proto` / `X-Forwarded-Proto` is http (forward that header with an origin request policy); behind an ALB, redirect HTTP→HTTPS with an ALB listener rule instead of in the app (Django `SECURE_PROXY_SSL_HEADER`, Express `app.set('trust proxy', 1)`).",
                "Cloudflare: SSL/TLS mode 'Flexible' talks HTTP to the origin; with an origin that forces HTTPS use 'Full (strict)'.",
                "A chain of distinct URLs (not a loop): list it with `curl -sIL --max-redirs 30 {{url}} | grep -i '^location'`; shorten it (redirect straight to the final URL), or raise `--max-redirs` if every step is intended.",
                "S3 website origins and apps that redirect between `www` and the apex: make sure the two redirects do not point at each other (check the Location of each hop).",
            ],
            verify: [
                "`curl -sIL {{url}}` ends with a 200 after at most one redirect.",
                "CloudFront standard logs / real-time logs show 301/302 from the origin dropping (sc-status and x-edge-result-type Miss); httpdiag check {{url}} reports no too_many_redirects.",
            ],
            references: [
                "https://repost.aws/knowledge-center/cloudfront-redirect-loop",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
                "https://developers.cloudflare.com/ssl/troubleshooting/too-many-redirects/",
                "knowledge-base.md section 1 (CloudFront ViewerProtocolPolicy redirect-to-https)",
            ],
            file: "Playbooks/redirect_loop.yaml"
        )
    }

    private static var `redirect_to_unsupported_scheme`: Playbook {
        Playbook(
            id: "redirect_to_unsupported_scheme",
            title: "A redirect points to a scheme other than http/https",
            layer: "http",
            severity: "critical",
            confidence: 0.7,
            when: [
                .failure(["redirect_scheme_refused"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "A redirect from {{url}} points to a scheme httpdiag does not follow ({{error}}): an app deep link (myapp://), ftp://, file:// or a mistyped Location header.",
            remediation: [
                "Read the Location header: `curl -sI {{url}} | grep -i ^location`.",
                "If this is an OAuth or app deep-link flow, the redirect is by design: probe the web URL the flow ends at instead.",
                "Otherwise fix the application or proxy that builds Location (`return 301` in nginx, `Redirect` in Apache, the framework's redirect helper).",
            ],
            verify: [
                "`httpdiag check {{url}}` follows the redirects to a 2xx.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2",
            ],
            file: "Playbooks/redirect_to_unsupported_scheme.yaml"
        )
    }

    private static var `request_headers_too_large`: Playbook {
        Playbook(
            id: "request_headers_too_large",
            title: "The request headers or cookies exceed a server or proxy limit",
            layer: "http",
            severity: "critical",
            confidence: 0.6,
            when: [
                .any([
                    .status([.code(431), .code(494)]),
                    .all([
                        .status([.code(400)]),
                        .body(ValueTest(matches: "Request Header Or Cookie Too Large|Request Header Fields Too Large|Header Fields Too Large|header (field|line)s? (is )?too (large|long)|Size of a request header field exceeds server limit|Bad Request - Header Field Too Long|HTTP Error 400\\. The size of the request headers is too long|Request Line is too large|Request Header Too Large")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}}: the request's headers (usually the Cookie header, after years of accumulated cookies, or a large bearer token) exceed the limit of the server or proxy that answered{{body_match:Request Header Or Cookie Too Large|Size of a request header field exceeds server limit}}.",
            remediation: [
                "Measure what you send: `curl -sv {{url}} -o /dev/null 2>&1 | grep '^> ' | awk '{ n += length($0) } END { print n }'`; a Cookie header over 4-8 KB is the usual cause: clear the domain's cookies or shrink them.",
                "Raise the limit where it applies: nginx `large_client_header_buffers 4 32k;`, Apache `LimitRequestFieldSize 16380`, HAProxy `tune.bufsize 32768`, gunicorn `--limit-request-field_size 16380`, Node `--max-http-header-size=16384`, Tomcat `maxHttpHeaderSize=\"16384\"`, IIS `MaxFieldLength`/`MaxRequestBytes` (http.sys registry).",
                "Keep tokens out of cookies if they grow (store a session id instead).",
            ],
            verify: [
                "`httpdiag check {{url}}` with the same cookies answers 2xx; the request header size is under the limit.",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers",
                "https://httpd.apache.org/docs/2.4/mod/core.html#limitrequestfieldsize",
                "https://www.rfc-editor.org/rfc/rfc6585#section-5",
            ],
            file: "Playbooks/request_headers_too_large.yaml"
        )
    }

    private static var `response_timeout`: Playbook {
        Playbook(
            id: "response_timeout",
            title: "The connection was made but no complete response came in time",
            layer: "http",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["timeout"]),
            ],
            support: [
                .field(path: "followups[].finding", test: ValueTest(oneOf: [JSONValue.string("tcp_accepts"), JSONValue.string("tcp_accepts_closes")])),
            ],
            against: [],
            lookAlikes: [],
            explanation: "The probe connected to {{address}} but gave up waiting for the response ({{error}}): the server accepted the request and is slow or stuck (a slow query, a deadlock, exhausted workers or pool), or a proxy in front of it waits on an upstream longer than httpdiag's `--max-time`.",
            remediation: [
                "Time each phase with a longer limit: `httpdiag check {{url}} --max-time 60` (or `curl -s -o /dev/null -w 'connect %{time_connect} ttfb %{time_starttransfer} total %{time_total}\n' -m 60 {{url}}`): a first byte that never comes means the server is stuck on this request.",
                "Look at the server's saturation: busy workers (gunicorn/uwsgi/php-fpm status pages, `ss -ltn` Recv-Q on the listen socket), DB connections, thread dumps (`py-spy dump --pid <pid>`, `jstack <pid>`).",
                "If it answers eventually, align the timeouts of the chain: client < CDN/LB < proxy (proxy_read_timeout) < application worker timeout.",
            ],
            verify: [
                "`httpdiag check {{url}} --samples 5` answers within the expected latency.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html#CURLEOPERATIONTIMEDOUT",
            ],
            file: "Playbooks/response_timeout.yaml"
        )
    }

    private static var `response_too_large`: Playbook {
        Playbook(
            id: "response_too_large",
            title: "The response body or headers exceed httpdiag's limits",
            layer: "http",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["body_too_large", "headers_too_large"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The response from {{address}} exceeded a limit of the probe ({{error}}): a body over `--max-download`, or response headers over the header limit. An endpoint that streams without end, a huge Set-Cookie or a redirect page of megabytes is the usual cause.",
            remediation: [
                "Look at the size and headers: `curl -s -D - -o /dev/null -w '%{size_download} bytes\n' {{url}}`.",
                "If the size is expected, raise the limit: `httpdiag check {{url}} --max-download 512M`.",
                "Response headers over 8-16 KB break many clients and proxies: trim Set-Cookie headers at the application.",
            ],
            verify: [
                "`httpdiag check {{url}}` completes within the limits.",
            ],
            references: [
                "https://curl.se/libcurl/c/CURLOPT_MAXFILESIZE_LARGE.html",
            ],
            file: "Playbooks/response_too_large.yaml"
        )
    }

    private static var `response_truncated`: Playbook {
        Playbook(
            id: "response_truncated",
            title: "The connection closed before the response body was complete",
            layer: "http",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["body_truncated"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The response from {{address}} started but the connection closed before the body was complete ({{error}}): the server or a proxy died or timed out mid-transfer, a proxy's buffer or temp file limit cut it, or Content-Length disagrees with what was sent.",
            remediation: [
                "Reproduce and compare the sizes: `curl -sv {{url}} -o /dev/null 2>&1 | grep -E 'Content-Length|transfer closed|left'`.",
                "Proxies: nginx `upstream prematurely closed connection while reading upstream` in the error log; check `proxy_read_timeout`, `proxy_max_temp_file_size` and the disk space of its temp path.",
                "Application: a crash or worker timeout mid-stream (gunicorn `WORKER TIMEOUT`), or a Content-Length computed before compression.",
            ],
            verify: [
                "`httpdiag check {{url}} --samples 5` receives the whole body every time.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html#CURLEPARTIALFILE",
            ],
            file: "Playbooks/response_truncated.yaml"
        )
    }

    private static var `s3_access_denied`: Playbook {
        Playbook(
            id: "s3_access_denied",
            title: "S3 refused the request (bucket policy, object ACL, Block Public Access)",
            layer: "s3",
            severity: "critical",
            confidence: 0.75,
            when: [
                .status([.code(403)]),
                .hop(HopTest(name: nil, roles: ["storage"], generated: true, upstream: nil)),
                .body(ValueTest(matches: "<Code>AccessDenied</Code>|<li>Code: AccessDenied</li>")),
                .not(.body(ValueTest(matches: "<Message>Request has expired</Message>"))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "S3 answered {{status}} {{body_match:<Code>[A-Za-z]+</Code>}} (request id {{body_match:<RequestId>[^<]+</RequestId>}}) to {{method}} {{url}}: no policy grants the caller this action on the object, or one denies it (bucket policy, object ACL, Block Public Access, SCP). A missing key also answers 403 when the caller lacks s3:ListBucket. Behind CloudFront, cloudfront_s3_origin_access_denied is the more likely cause.",
            remediation: [
                "Check Block Public Access at both levels: aws s3api get-public-access-block --bucket {{bucket}} and aws s3control get-public-access-block --account-id <account-id>",
                "Read the bucket policy for an explicit Deny (aws:SourceVpce, aws:SourceIp, aws:SecureTransport conditions): aws s3api get-bucket-policy --bucket {{bucket}} --query Policy --output text",
                "If the object is meant to be public (static website without CloudFront), grant read to everyone\nand disable Block Public Access for the bucket; otherwise grant the calling role instead:\n```json\n{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Sid\": \"PublicRead\",\n    \"Effect\": \"Allow\",\n    \"Principal\": \"*\",\n    \"Action\": \"s3:GetObject\",\n    \"Resource\": \"arn:aws:s3:::{{bucket}}/*\"\n  }]\n}\n```\n`aws s3api put-bucket-policy --bucket {{bucket}} --policy file://policy.json`\n",
                "Check who owns the object (uploads from another account with ACLs enabled): aws s3api get-object-acl --bucket {{bucket}} --key <key>; set Object Ownership to BucketOwnerEnforced: aws s3api put-bucket-ownership-controls --bucket {{bucket}} --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
                "For a signed caller, simulate the role's permission: aws iam simulate-principal-policy --policy-source-arn <role-arn> --action-names s3:GetObject --resource-arns arn:aws:s3:::{{bucket}}/<key>",
                "If the key may not exist, also grant s3:ListBucket on arn:aws:s3:::{{bucket}} so S3 answers 404 NoSuchKey instead of 403.",
                "For SSE-KMS objects, the caller also needs kms:Decrypt on the key: aws s3api head-object --bucket {{bucket}} --key <key> --query SSEKMSKeyId",
            ],
            verify: [
                "curl -sI {{url}} answers 200 (or aws s3api head-object --bucket {{bucket}} --key <key> as the caller)",
                "CloudTrail S3 data events (if enabled) stop showing errorCode AccessDenied for the key; in Athena: SELECT eventtime, useridentity.arn, errorcode FROM cloudtrail_logs WHERE eventsource = 's3.amazonaws.com' AND errorcode = 'AccessDenied' ORDER BY eventtime DESC",
                "CloudWatch request metric 4xxErrors of the bucket (AWS/S3, filter EntireBucket, request metrics enabled) returns to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://repost.aws/knowledge-center/s3-troubleshoot-403",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
                "https://github.com/ddollar/forego/issues/6",
                "knowledge-base.md section 3, Problem 1",
            ],
            file: "Playbooks/s3_access_denied.yaml"
        )
    }

    private static var `s3_no_such_bucket`: Playbook {
        Playbook(
            id: "s3_no_such_bucket",
            title: "The S3 bucket does not exist (NoSuchBucket; behind a CNAME a takeover risk)",
            layer: "s3",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(404)]),
                .hop(HopTest(name: nil, roles: ["storage"], generated: nil, upstream: nil)),
                .body(ValueTest(matches: "<Code>NoSuchBucket</Code>|<li>Code: NoSuchBucket</li>")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "S3 answered {{status}} NoSuchBucket for {{body_match:<BucketName>[^<]+</BucketName>|BucketName: [^<]+}}: no bucket of that name exists (deleted, misspelt, or the host {{host}} points at S3 but the bucket was never created). If {{host}} is your own name with a CNAME to S3, anyone can create that bucket in their account and serve content under your domain: a subdomain takeover.",
            remediation: [
                "Check whether the host is an alias of S3: dig +short CNAME {{host}} (a target like <bucket>.s3-website-<region>.amazonaws.com or <bucket>.s3.amazonaws.com).",
                "If the site is retired, delete the dangling record now: aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch '{\"Changes\":[{\"Action\":\"DELETE\",\"ResourceRecordSet\":{...the CNAME record as listed...}}]}'",
                "If the site should exist, re-create the bucket with the exact name the host expects (a website bucket must be named like the host) in your account, then re-deploy: aws s3api create-bucket --bucket <bucket> --region <region> --create-bucket-configuration LocationConstraint=<region>",
                "Check the name in the client or CloudFront origin for a typo: aws s3api list-buckets --query 'Buckets[].Name'",
                "Prefer a CloudFront distribution with OAC in front of a private bucket over a CNAME to a website endpoint; audit other dangling S3 CNAMEs in the zone: aws route53 list-resource-record-sets --hosted-zone-id <zone-id> --query \"ResourceRecordSets[?Type=='CNAME'].[Name,ResourceRecords[0].Value]\" --output text | grep amazonaws.com",
            ],
            verify: [
                "aws s3api head-bucket --bucket <bucket> succeeds in your account (and aws s3api get-bucket-location returns the expected region)",
                "httpdiag check {{url}} no longer reports NoSuchBucket, or dig +short CNAME {{host}} is empty after the record was removed",
                "CloudTrail shows CreateBucket by your account for that name (eventsource s3.amazonaws.com, eventname CreateBucket).",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-s3-bucket.html",
                "https://github.com/EdOverflow/can-i-take-over-xyz",
                "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/10-Test_for_Subdomain_Takeover",
            ],
            file: "Playbooks/s3_no_such_bucket.yaml"
        )
    }

    private static var `s3_no_such_key`: Playbook {
        Playbook(
            id: "s3_no_such_key",
            title: "The S3 object does not exist (NoSuchKey)",
            layer: "s3",
            severity: "critical",
            confidence: 0.9,
            when: [
                .status([.code(404)]),
                .hop(HopTest(name: nil, roles: ["storage"], generated: true, upstream: nil)),
                .body(ValueTest(matches: "<Code>NoSuchKey</Code>|<li>Code: NoSuchKey</li>")),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "S3 answered {{status}} NoSuchKey for {{body_match:<Key>[^<]*</Key>}}: the bucket exists and the caller may list it, but no object has that key (never uploaded, deleted, wrong prefix or letter case, or a URL-encoding difference such as + versus %20).",
            remediation: [
                "List what exists under the prefix: aws s3api list-objects-v2 --bucket <bucket> --prefix <prefix/> --max-items 20 --query 'Contents[].Key'",
                "Keys are case-sensitive and taken literally: a space must be sent as %20 (a + in a path is a literal +); compare the request path of {{url}} with the listed key.",
                "If versioning is on, check whether the key was deleted (a delete marker): aws s3api list-object-versions --bucket <bucket> --prefix <key> --query 'DeleteMarkers[].{key:Key,at:LastModified}'; restore by deleting the marker: aws s3api delete-object --bucket <bucket> --key <key> --version-id <marker-version-id>",
                "For a single-page app on a website bucket or behind CloudFront, route unknown paths to index.html: aws s3api put-bucket-website --bucket <bucket> --website-configuration '{\"IndexDocument\":{\"Suffix\":\"index.html\"},\"ErrorDocument\":{\"Key\":\"index.html\"}}' (or a CloudFront custom error response 404 -> /index.html, 200)",
                "If the deploy should have uploaded it, re-run the upload: aws s3 sync ./build s3://<bucket>/ and check the pipeline's logs for a skipped step.",
            ],
            verify: [
                "aws s3api head-object --bucket <bucket> --key <key> returns the object's metadata",
                "httpdiag check {{url}} answers 200",
                "CloudWatch request metric 4xxErrors of the bucket (AWS/S3, request metrics enabled) returns to its baseline.",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://repost.aws/knowledge-center/404-error-nosuchkey-s3",
                "https://github.com/frostealth/yii2-aws-s3/issues/25",
            ],
            file: "Playbooks/s3_no_such_key.yaml"
        )
    }

    private static var `s3_presigned_url_expired`: Playbook {
        Playbook(
            id: "s3_presigned_url_expired",
            title: "The presigned URL's expiry has passed",
            layer: "s3",
            severity: "critical",
            confidence: 0.92,
            when: [
                .status([.code(400), .code(403)]),
                .any([
                    .all([
                        .body(ValueTest(matches: "<Code>AccessDenied</Code>")),
                        .body(ValueTest(matches: "<Message>Request has expired</Message>")),
                    ]),
                    .all([
                        .body(ValueTest(matches: "<Code>(ExpiredToken|AuthenticationFailed|AccessDenied)</Code>")),
                        .body(ValueTest(matches: "Request signature expired at|Signature not valid in the specified time frame|Signed expiry time \\[[^\\]]*\\] must be after")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "S3 answered {{status}} \"Request has expired\": the presigned URL was valid for {{body_match:<X-Amz-Expires>[0-9]+</X-Amz-Expires>}} seconds and expired at {{body_match:<Expires>[^<]+</Expires>}}, before S3's clock {{body_match:<ServerTime>[^<]+</ServerTime>}}. A URL signed with temporary credentials also dies when its session does, whatever X-Amz-Expires says.",
            remediation: [
                "Generate a fresh URL when it is needed, not at page build or cache time: aws s3 presign s3://<bucket>/<key> --expires-in 3600",
                "Sign with credentials that outlive the URL: a URL signed by a role session (Lambda, ECS task,\nSSO) expires with the session (at most its remaining lifetime), and SigV4 caps X-Amz-Expires at 604800 s (7 days) for IAM user keys:\n```python\nurl = s3.generate_presigned_url(\"get_object\", Params={\"Bucket\": bucket, \"Key\": key}, ExpiresIn=900)\n```\n",
                "Do not cache pages or API responses that embed presigned URLs longer than the URL's lifetime (CloudFront TTL, browser cache); for long-lived public links use CloudFront signed URLs or cookies instead.",
                "Check the signing host's clock (timedatectl status / chronyc tracking): a clock behind S3 shortens every URL.",
            ],
            verify: [
                "curl -sI '<new presigned URL>' answers 200",
                "Decode the new URL's X-Amz-Date + X-Amz-Expires and compare with date -u",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
                "https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html",
                "https://repost.aws/knowledge-center/presigned-url-s3-bucket-expiration",
                "https://github.com/lukejacksonn/react-slack-clone/issues/27",
            ],
            file: "Playbooks/s3_presigned_url_expired.yaml"
        )
    }

    private static var `s3_wrong_region_endpoint`: Playbook {
        Playbook(
            id: "s3_wrong_region_endpoint",
            title: "The bucket must be addressed through its own Region's endpoint (PermanentRedirect)",
            layer: "s3",
            severity: "critical",
            confidence: 0.9,
            when: [
                .hop(HopTest(name: "s3", roles: nil, generated: nil, upstream: nil)),
                .any([
                    .all([
                        .status([.code(301)]),
                        .body(ValueTest(matches: "<Code>PermanentRedirect</Code>")),
                    ]),
                    .all([
                        .status([.code(400)]),
                        .body(ValueTest(matches: "<Code>(AuthorizationHeaderMalformed|AuthorizationQueryParametersError|IllegalLocationConstraintException)</Code>")),
                        .body(ValueTest(matches: "region '[a-z0-9-]+' is wrong|<Region>[a-z0-9-]+</Region>|IllegalLocationConstraintException")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "S3 answered {{status}} {{body_match:<Code>[A-Za-z]+</Code>}}: the bucket lives in another Region than the endpoint or the signing Region used for {{host}} ({{body_match:<Endpoint>[^<]+</Endpoint>|expecting '[a-z0-9-]+'|<Region>[a-z0-9-]+</Region>}}). A 301 from S3 has no Location header, so clients do not follow it.",
            remediation: [
                "Find the bucket's Region: aws s3api get-bucket-location --bucket <bucket> (null means us-east-1), or read the x-amz-bucket-region response header: curl -sI https://<bucket>.s3.amazonaws.com/ | grep -i x-amz-bucket-region",
                "Use the regional virtual-hosted endpoint in URLs and CloudFront origins: https://<bucket>.s3.<region>.amazonaws.com/<key> (not the legacy global s3.amazonaws.com name for buckets outside us-east-1).",
                "Configure the SDK with the bucket's Region, so SigV4 signs for it (boto3 shown):\n```python\ns3 = boto3.client(\"s3\", region_name=\"eu-west-1\",\n                  config=botocore.config.Config(signature_version=\"s3v4\", s3={\"addressing_style\": \"virtual\"}))\nurl = s3.generate_presigned_url(\"get_object\", Params={\"Bucket\": bucket, \"Key\": key}, ExpiresIn=3600)\n```\n",
                "For the CLI: aws s3 cp s3://<bucket>/<key> . --region <bucket-region> (or AWS_REGION=<bucket-region>).",
            ],
            verify: [
                "curl -sI https://<bucket>.s3.<region>.amazonaws.com/<key> answers 200 or 403, not 301",
                "httpdiag check <regional URL> no longer shows PermanentRedirect or AuthorizationHeaderMalformed",
            ],
            references: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html",
                "https://repost.aws/knowledge-center/s3-http-307-response",
            ],
            file: "Playbooks/s3_wrong_region_endpoint.yaml"
        )
    }

    private static var `server_closed_connection`: Playbook {
        Playbook(
            id: "server_closed_connection",
            title: "The server accepted the connection and closed it without any response",
            layer: "tcp",
            severity: "critical",
            confidence: 0.2,
            when: [
                .failure(["empty_reply"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The connection to {{address}} was accepted and then closed before any byte of a response ({{error}}): the process behind the port crashed or was killed while handling the request (OOM killer, a worker timeout), a proxy dropped it, the port speaks TLS or another protocol, or an idle keep-alive connection was closed as it was reused.",
            remediation: [
                "Does the port speak TLS? `openssl s_client -connect {{address}}:{{port}} -brief </dev/null`: a handshake means use https:// (http_sent_to_https_port).",
                "Look for crashes and kills at that time: `journalctl -k | grep -i -E 'killed process|oom'`, `dmesg -T | tail`, the server's error log (gunicorn `WORKER TIMEOUT`, `Booting worker`), `kubectl get pods` restarts and `kubectl describe pod` Last State: OOMKilled.",
                "Behind a load balancer: the application's keep-alive timeout must be longer than the LB's idle timeout (Node `server.keepAliveTimeout = 65000`, gunicorn `--keep-alive 75`).",
            ],
            verify: [
                "`httpdiag check {{url}} --samples 5` gets a response every time; no new OOM kills or worker restarts in the logs.",
            ],
            references: [
                "https://curl.se/libcurl/c/libcurl-errors.html#CURLEGOTNOTHING",
                "https://docs.gunicorn.org/en/stable/settings.html#timeout",
            ],
            file: "Playbooks/server_closed_connection.yaml"
        )
    }

    private static var `server_error`: Playbook {
        Playbook(
            id: "server_error",
            title: "The server failed with a 5xx status (no more specific cause found)",
            layer: "http",
            severity: "critical",
            confidence: 0.15,
            when: [
                .status([.klass(5)]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}}: the server (or a gateway in front of it) failed to handle {{method}} {{url}}, and no more specific playbook matched.",
            remediation: [
                "Find who generated it: `curl -s -D - -o /dev/null {{url}}` (Server, Via, X-Cache, request-id headers) and the body.",
                "Read that server's error log around this time for the request (by path and request id).",
                "Roll back the last deployment or configuration change if the errors started with it.",
            ],
            verify: [
                "`httpdiag check {{url}} --samples 5` answers 2xx every time.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#section-15.6",
            ],
            file: "Playbooks/server_error.yaml"
        )
    }

    private static var `service_unavailable`: Playbook {
        Playbook(
            id: "service_unavailable",
            title: "The server answered 503 Service Unavailable (no more specific cause found)",
            layer: "http",
            severity: "critical",
            confidence: 0.3,
            when: [
                .status([.code(503)]),
            ],
            support: [
                .body(ValueTest(contains: "HTTP Error 503. The service is unavailable.")),
            ],
            against: [
                .field(path: "followups[].finding", test: ValueTest(equals: JSONValue.string("retry_succeeded"))),
            ],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} {{reason}} (Retry-After: {{header:Retry-After}}) and no more specific playbook matched: the service is overloaded, in maintenance, still starting, or a proxy in front of it has no backend to send the request to.",
            remediation: [
                "Find who generated it: `curl -s -D - -o /dev/null {{url}}` (Server, Via, X-Cache, x-amzn-* headers) and the body; a proxy's own page (nginx, envoy, ALB `awselb/2.0`) means the application never saw the request.",
                "Check capacity and health of the service: `aws elbv2 describe-target-health --target-group-arn <tg-arn>`, `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].{desired:desiredCount,running:runningCount,events:events[:5]}'`, `kubectl get pods` / `kubectl describe endpoints <svc>`.",
                "Maintenance pages and feature flags answer 503 on purpose (often with Retry-After): check for an active maintenance mode or deployment.",
                "Overload: look at CPU, memory and worker saturation (Gunicorn workers, connection pool limits); scale out: `aws ecs update-service --cluster <cluster> --service <service> --desired-count <n>` or raise the Auto Scaling group's capacity.",
            ],
            verify: [
                "HTTPCode_Target_5XX_Count / HTTPCode_ELB_503_Count (AWS/ApplicationELB) or the application's 5xx rate returns to its baseline.",
                "`httpdiag check {{url}} --samples 5` answers 2xx every time.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
                "https://repost.aws/knowledge-center/alb-troubleshoot-503-errors",
                "knowledge-base.md section 4, Problem 2",
            ],
            file: "Playbooks/service_unavailable.yaml"
        )
    }

    private static var `tcp_connect_timeout`: Playbook {
        Playbook(
            id: "tcp_connect_timeout",
            title: "TCP connect timed out or had no route: packets are dropped on the way",
            layer: "tcp",
            severity: "critical",
            confidence: 0.85,
            when: [
                .failure(["connect_timeout", "network_unreachable"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The TCP connection to {{address}} never completed ({{error}}): the SYN or its reply was dropped, by a security group or network ACL, a route table without a route (NAT or internet gateway missing), a stopped instance, or a firewall along the path.",
            remediation: [
                "Security groups: the target's group must allow the port from the client's source (or from the load balancer's group): `aws ec2 describe-security-groups --group-ids <sg-id> --query 'SecurityGroups[0].IpPermissions'`.",
                "Network ACLs are stateless: inbound must allow the port and outbound the ephemeral range 1024-65535: `aws ec2 describe-network-acls --filters Name=association.subnet-id,Values=<subnet-id>`.",
                "Routes: a public subnet needs 0.0.0.0/0 (and ::/0) to an internet gateway, a private one 0.0.0.0/0 to a NAT gateway for outbound calls: `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=<subnet-id> --query 'RouteTables[0].Routes'`; restore the NAT route after a network change.",
                "Let AWS find the blocking hop: `aws ec2 create-network-insights-path --source <eni-or-igw> --destination <eni-id> --protocol tcp --destination-port {{port}}` then `aws ec2 start-network-insights-analysis --network-insights-path-id <path-id>` (Reachability Analyzer).",
                "From outside, `traceroute -T -p {{port}} {{address}}` (or `mtr -T`) shows where the packets stop.",
            ],
            verify: [
                "VPC Flow Logs show ACCEPT instead of REJECT for the flow; CloudWatch Logs Insights: `fields @timestamp, srcAddr, dstAddr, dstPort, action | filter dstAddr = '{{address}}' and action = 'REJECT' | sort @timestamp desc | limit 20`.",
                "`nc -vz -w 5 {{address}} {{port}}` connects; httpdiag check {{url}} no longer reports connect_timeout.",
            ],
            references: [
                "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
                "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
                "https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
                "https://repost.aws/knowledge-center/ec2-linux-ssh-troubleshooting",
                "knowledge-base.md section 4, Problem 2",
            ],
            file: "Playbooks/tcp_connect_timeout.yaml"
        )
    }

    private static var `tcp_connection_refused`: Playbook {
        Playbook(
            id: "tcp_connection_refused",
            title: "Connection refused: nothing listens on that address and port",
            layer: "tcp",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["connect_refused"]),
            ],
            support: [],
            against: [
                .summary(path: "ok_addresses", test: ValueTest(gte: 1.0)),
            ],
            lookAlikes: [],
            explanation: "{{address}} answered the TCP SYN with a reset ({{error}}): the host is reachable, but no process listens on that port there (service stopped or crash-looping, bound to 127.0.0.1 only, wrong port or container port not published). A security group would drop the packet silently (a timeout), not refuse it.",
            remediation: [
                "On the host, list listeners: `sudo ss -ltnp` (the service must listen on 0.0.0.0:{{port}} or [::]:{{port}}, not 127.0.0.1:{{port}}); check the service: `systemctl status <service>` / `journalctl -u <service> --since -15min`.",
                "Containers: `docker ps` (PORTS column) must show 0.0.0.0:{{port}}-><container-port>/tcp; the app inside must bind 0.0.0.0 or [::] (Gunicorn `--bind [::]:80`).",
                "ECS: a stopped or restarting task refuses until replaced: `aws ecs describe-services --cluster <cluster> --services <service> --query 'services[0].events[:5]'` and `aws ecs list-tasks --cluster <cluster> --desired-status STOPPED`.",
                "A host firewall with REJECT rules (iptables/nftables, `ufw status`) also refuses: `sudo iptables -S | grep -i reject`.",
            ],
            verify: [
                "`nc -vz {{address}} {{port}}` or `curl -sv --connect-timeout 5 {{url}}` connects.",
                "For a load-balanced target: `aws elbv2 describe-target-health --target-group-arn <tg-arn>` shows the target healthy (HealthyHostCount in AWS/ApplicationELB back to normal).",
            ],
            references: [
                "https://man7.org/linux/man-pages/man2/connect.2.html",
                "https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.1",
                "https://repost.aws/knowledge-center/ec2-linux-resolve-connection-refused",
                "knowledge-base.md section 4, Problem 2",
            ],
            file: "Playbooks/tcp_connection_refused.yaml"
        )
    }

    private static var `tls_certificate_expired`: Playbook {
        Playbook(
            id: "tls_certificate_expired",
            title: "The server certificate (or one in its chain) is past its notAfter date",
            layer: "tls",
            severity: "critical",
            confidence: 0.95,
            when: [
                .any([
                    .failure(["tls_cert_expired"]),
                    .field(path: "tls.chain[].days_left", test: ValueTest(lt: 0.0)),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The certificate chain of {{host}} contains an expired certificate ({{error}}; leaf {{field:tls.chain[].subject}}, notAfter {{field:tls.chain[].not_after}}, earliest expiry {{field:tls.earliest_expiry_days}} days). Clients that verify certificates refuse the connection.",
            remediation: [
                "See what the server sends: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} -showcerts </dev/null | openssl x509 -noout -subject -issuer -dates` (repeat per certificate of -showcerts; an expired intermediate counts too).",
                "ACM certificate (ALB, CloudFront, API Gateway): `aws acm describe-certificate --certificate-arn <arn> --query 'Certificate.{NotAfter:NotAfter,Status:Status,Renewal:RenewalSummary,Type:Type}'`. Managed renewal needs the DNS validation CNAME still in the zone and the certificate in use; an IMPORTED certificate is never renewed: re-import it with `aws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem`.",
                "Let's Encrypt / certbot on the host: `sudo certbot renew` then reload the server (`sudo systemctl reload nginx`); check the renewal timer: `systemctl list-timers | grep certbot`.",
                "If only an intermediate or cross-signed root expired (e.g. DST Root CA X3, Sept 2021), serve the current chain (fullchain.pem) and update old clients' CA bundles.",
            ],
            verify: [
                "`echo | openssl s_client -connect {{host}}:{{port}} -servername {{host}} 2>/dev/null | openssl x509 -noout -enddate` shows a future date.",
                "CloudWatch metric DaysToExpiry (AWS/CertificateManager, per CertificateArn) and an alarm on it below 30; httpdiag check {{url}} reports no tls_cert_expired.",
            ],
            references: [
                "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-renewal.html",
                "https://docs.aws.amazon.com/acm/latest/userguide/cloudwatch-metrics.html",
                "https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5",
                "https://letsencrypt.org/docs/dst-root-ca-x3-expiration-september-2021/",
            ],
            file: "Playbooks/tls_certificate_expired.yaml"
        )
    }

    private static var `tls_certificate_expiring_soon`: Playbook {
        Playbook(
            id: "tls_certificate_expiring_soon",
            title: "A certificate of the chain expires within the warning window (14 days)",
            layer: "tls",
            severity: "warning",
            confidence: 0.9,
            when: [
                .field(path: "error.kind", test: ValueTest(exists: false)),
                .field(path: "tls.earliest_expiry_days", test: ValueTest(gte: 0.0, lt: 14.0)),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The request succeeded, but a certificate served for {{host}} expires in {{field:tls.earliest_expiry_days}} days (leaf {{field:tls.chain[].subject}}, notAfter {{field:tls.chain[].not_after}}). Automatic renewal has not happened yet, or has failed.",
            remediation: [
                "Check the dates: `echo | openssl s_client -connect {{host}}:{{port}} -servername {{host}} -showcerts 2>/dev/null | openssl x509 -noout -subject -dates`.",
                "ACM: `aws acm describe-certificate --certificate-arn <arn> --query 'Certificate.{Type:Type,RenewalEligibility:RenewalEligibility,Renewal:RenewalSummary}'`. PENDING_VALIDATION means the validation CNAME is missing: `aws acm describe-certificate --certificate-arn <arn> --query 'Certificate.DomainValidationOptions[].ResourceRecord'` and recreate it in Route 53. IMPORTED certificates must be re-imported before notAfter.",
                "certbot: `sudo certbot renew --dry-run` shows why renewal fails (HTTP-01 path blocked, DNS plugin credentials); renew and `sudo systemctl reload nginx`.",
                "Kubernetes cert-manager: `kubectl describe certificate <name>` and `kubectl get certificaterequests,orders,challenges -A`.",
            ],
            verify: [
                "The served notAfter moves forward (openssl command above); ACM DaysToExpiry (AWS/CertificateManager) jumps back above 60.",
                "EventBridge rule on `ACM Certificate Approaching Expiration` events alerts before the next expiry.",
            ],
            references: [
                "https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html",
                "https://docs.aws.amazon.com/acm/latest/userguide/supported-events.html",
                "https://eff-certbot.readthedocs.io/en/stable/using.html#renewing-certificates",
            ],
            file: "Playbooks/tls_certificate_expiring_soon.yaml"
        )
    }

    private static var `tls_certificate_not_yet_valid`: Playbook {
        Playbook(
            id: "tls_certificate_not_yet_valid",
            title: "The server certificate is not valid yet (notBefore in the future)",
            layer: "tls",
            severity: "critical",
            confidence: 0.8,
            when: [
                .failure(["tls_cert_not_yet_valid"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The server at {{address}} presented a certificate whose validity starts in the future ({{error}}): either the certificate was issued with a wrong notBefore or, far more often, the clock of this machine (or of the server that issued it) is wrong.",
            remediation: [
                "Check this machine's clock first: `timedatectl status` (System clock synchronized: yes) and `chronyc tracking`; fix NTP: `sudo timedatectl set-ntp true`.",
                "Read the certificate's dates: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} </dev/null 2>/dev/null | openssl x509 -noout -dates`.",
                "If the certificate really starts in the future, reissue it or wait; ACME clients backdate notBefore by an hour to avoid this.",
            ],
            verify: [
                "`httpdiag check {{url}}` verifies the chain.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5",
            ],
            file: "Playbooks/tls_certificate_not_yet_valid.yaml"
        )
    }

    private static var `tls_handshake_failure`: Playbook {
        Playbook(
            id: "tls_handshake_failure",
            title: "The TLS handshake failed: no common protocol or cipher, missing SNI, or the server aborted",
            layer: "tls",
            severity: "critical",
            confidence: 0.85,
            when: [
                .failure(["tls_handshake"]),
                .not(.field(path: "tls.client_certificate_requested", test: ValueTest(equals: JSONValue.bool(true)))),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The TLS handshake with {{address}} failed before any certificate was verified ({{error}}; alert {{field:tls.alert_received.name}}). When the error names a limit of httpdiag's own TLS client, the server sent more than a client accepts (an oversized certificate chain); otherwise the server and the client share no protocol version or cipher suite, the server has no certificate for the SNI name {{host}}, or something in the path (a TLS-terminating firewall, a proxy) cut the handshake.",
            remediation: [
                "Probe versions and SNI one at a time: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} -tls1_2 </dev/null` and `-tls1_3`; try without `-servername` too: a server that only works with (or without) SNI shows it here.",
                "List what the server accepts: `nmap --script ssl-enum-ciphers -p {{port}} {{host}}` (or `testssl.sh {{host}}:{{port}}`) and compare with the client's (old Java, OpenSSL 1.0, embedded clients lack TLS 1.2 ECDHE suites; a FIPS client refuses ChaCha20).",
                "ALB/NLB: `aws elbv2 describe-listeners --load-balancer-arn <arn> --query 'Listeners[].{port:Port,policy:SslPolicy}'` and `aws elbv2 describe-ssl-policies --names <policy>`; pick a policy both sides support: `aws elbv2 modify-listener --listener-arn <arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`.",
                "CloudFront: the viewer security policy (`aws cloudfront get-distribution-config --id <id> --query DistributionConfig.ViewerCertificate.MinimumProtocolVersion`) and SNI: clients without SNI need a dedicated-IP custom SSL (sni-only is the default). API Gateway custom domains: `aws apigateway get-domain-name --domain-name {{host}} --query securityPolicy`.",
                "An oversized chain (the error names OpenSSL's certificate-list limit, `max_cert_list`, 100 KiB by default in most clients): serve the leaf and its intermediates only, not the root or a bundle of every CA: count them with `openssl s_client -connect {{host}}:{{port}} -servername {{host}} -showcerts </dev/null | grep -c 'BEGIN CERTIFICATE'` (from a client with a larger limit) and fix `ssl_certificate` / the load balancer's certificate chain.",
                "nginx: `ssl_protocols TLSv1.2 TLSv1.3;` and a `ssl_ciphers` list that includes the client's suites; a server block with `ssl_reject_handshake on` rejects unknown SNI names on purpose.",
            ],
            verify: [
                "`openssl s_client -connect {{host}}:{{port}} -servername {{host}} </dev/null` prints `New, TLSv1.3, Cipher is ...` (or TLSv1.2) and a certificate.",
                "ALB metric ClientTLSNegotiationErrorCount (AWS/ApplicationELB) returns to its baseline; httpdiag check {{url}} reports no tls_handshake.",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc8446#section-6.2",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
                "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_reject_handshake",
                "knowledge-base.md section 7 (mTLS)",
            ],
            file: "Playbooks/tls_handshake_failure.yaml"
        )
    }

    private static var `tls_hostname_mismatch`: Playbook {
        Playbook(
            id: "tls_hostname_mismatch",
            title: "No SAN of the server certificate matches the host name",
            layer: "tls",
            severity: "critical",
            confidence: 0.85,
            when: [
                .any([
                    .failure(["tls_hostname_mismatch"]),
                    .all([
                        .field(path: "tls.hostname_matches", test: ValueTest(equals: JSONValue.bool(false))),
                        .field(path: "error.kind", test: ValueTest(exists: false)),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The certificate served for {{host}} does not cover that name ({{error}}): it is {{field:tls.chain[].subject}} whose first SAN is {{field:tls.chain[].sans[]}}. The name points at a server, load balancer or CDN that serves a certificate for other names (wrong listener certificate, missing SNI certificate, DNS pointing at the wrong endpoint).",
            remediation: [
                "See the names the server presents for this SNI: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName`.",
                "Check where the name points: `dig +short {{host}}`; a CNAME to another service (CloudFront, an ALB, S3, a SaaS) must have {{host}} configured there as an alternate domain / custom domain.",
                "Issue a certificate that covers the name (a wildcard covers one label only: *.example.com does not cover a.b.example.com): `aws acm request-certificate --domain-name {{host}} --validation-method DNS --subject-alternative-names <other-names>`.",
                "Attach it: ALB `aws elbv2 add-listener-certificates --listener-arn <arn> --certificates CertificateArn=<acm-arn>` (SNI picks it); CloudFront: add {{host}} to Aliases and set ViewerCertificate.ACMCertificateArn (us-east-1); API Gateway custom domain: `aws apigateway create-domain-name --domain-name {{host}} --regional-certificate-arn <acm-arn>`; nginx: a server block with `server_name {{host}}` and its ssl_certificate.",
            ],
            verify: [
                "`curl -sv https://{{host}}/ -o /dev/null 2>&1 | grep -E 'subjectAltName|SSL certificate verify'` shows 'host \"{{host}}\" matched cert's ...'.",
                "httpdiag check {{url}} reports no tls_hostname_mismatch (hostname_matches true).",
            ],
            references: [
                "https://www.rfc-editor.org/rfc/rfc6125#section-6.4",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html",
                "https://repost.aws/knowledge-center/acm-certificate-name-mismatch",
            ],
            file: "Playbooks/tls_hostname_mismatch.yaml"
        )
    }

    private static var `tls_untrusted_chain`: Playbook {
        Playbook(
            id: "tls_untrusted_chain",
            title: "The certificate chain is not trusted: self-signed, unknown CA or an incomplete chain",
            layer: "tls",
            severity: "critical",
            confidence: 0.9,
            when: [
                .failure(["tls_untrusted"]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "Verification of {{host}}'s chain failed with OpenSSL result {{field:tls.verify_result}} ({{field:tls.verify_reason}}): the leaf {{field:tls.chain[].subject}} was issued by {{field:tls.chain[].issuer}}, which does not lead to a trusted root. Typical causes are a server that sends only the leaf without its intermediate, a self-signed or default certificate, or a private CA the client does not trust.",
            remediation: [
                "Count what the server sends: `openssl s_client -connect {{host}}:{{port}} -servername {{host}} -showcerts </dev/null` (certificates 0 and 1 at least; `Verify return code: 21 (unable to verify the first certificate)` or `20 (unable to get local issuer certificate)` means the intermediate is missing).",
                "Serve the full chain: nginx `ssl_certificate /etc/letsencrypt/live/<name>/fullchain.pem;` (not cert.pem), Apache `SSLCertificateFile` with the chain appended; ACM import with the chain: `aws acm import-certificate --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem`.",
                "Self-signed or default certificate (e.g. 'Kubernetes Ingress Controller Fake Certificate'): the request hit a default server or an ingress without a TLS secret for {{host}}; configure the real certificate (ACM on the ALB/CloudFront, cert-manager or Let's Encrypt on the host).",
                "Private CA (AWS Private CA, corporate CA or a TLS-inspecting proxy): give clients its root: `curl --cacert ca.pem {{url}}`, `AWS_CA_BUNDLE`, `REQUESTS_CA_BUNDLE`, or install it in the system trust store (`update-ca-certificates`).",
            ],
            verify: [
                "`openssl s_client -connect {{host}}:{{port}} -servername {{host}} -verify_return_error </dev/null` ends with `Verify return code: 0 (ok)`.",
                "https://www.ssllabs.com/ssltest/analyze.html?d={{host}} reports no 'Chain issues: Incomplete'; httpdiag check {{url}} reports no tls_untrusted.",
            ],
            references: [
                "https://docs.openssl.org/master/man1/openssl-verification-options/",
                "https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html",
                "https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2",
                "https://nginx.org/en/docs/http/configuring_https_servers.html#chains",
            ],
            file: "Playbooks/tls_untrusted_chain.yaml"
        )
    }

    private static var `upstream_invalid_response`: Playbook {
        Playbook(
            id: "upstream_invalid_response",
            title: "A proxy or load balancer got an invalid, non-HTTP or oversized answer from its upstream",
            layer: "proxy",
            severity: "critical",
            confidence: 0.7,
            when: [
                .status([.code(502), .code(503)]),
                .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server", "origin"], generated: true, upstream: ["invalid", "too_large"])),
            ],
            support: [],
            against: [
                .field(path: "timings.wait_ms", test: ValueTest(gte: 1000.0)),
            ],
            lookAlikes: [
                LookAlike(id: "upstream_unavailable", tell: "a refused or reset upstream connection says so in the proxy's error log (connect() failed, Connection refused); an invalid answer says 'upstream sent invalid header', 'too big header' or 'invalid response'", line: 12),
            ],
            explanation: "{{hops}} generated {{status}} itself and its error says the upstream's answer was not valid HTTP or too big for its buffers: the upstream speaks another protocol on that port (TLS, gRPC, a database), crashed mid-response, or sends headers (often cookies) larger than the proxy's buffer.",
            remediation: [
                "Call the upstream directly from the proxy host and look at the raw answer: `curl -sv --http1.1 http://<upstream-host>:<upstream-port>/<path> -o /dev/null` (a TLS upstream needs https:// in proxy_pass / ProxyPass / `server ... ssl`).",
                "nginx `upstream sent too big header while reading response header from upstream`: raise `proxy_buffer_size 16k; proxy_buffers 8 16k;` (fastcgi_/uwsgi_ equivalents), or make the upstream send fewer or smaller Set-Cookie headers.",
                "HAProxy: `show errors` on the stats socket prints the exact invalid bytes: `echo 'show errors' | socat stdio /run/haproxy/admin.sock`.",
                "Varnish: `varnishlog -g request -q 'VCL_call eq \"BACKEND_ERROR\"'` shows FetchError (e.g. `http format error`, `Header overflow`).",
            ],
            verify: [
                "`curl -sv` against the upstream shows a well-formed `HTTP/1.1 200` status line and headers under the proxy's buffer size.",
                "`httpdiag check {{url}} --samples 5` answers 2xx every time.",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffer_size",
                "https://docs.haproxy.org/2.6/management.html#9.3-show%20errors",
                "https://varnish-cache.org/docs/trunk/users-guide/troubleshooting.html",
            ],
            file: "Playbooks/upstream_invalid_response.yaml"
        )
    }

    private static var `upstream_timeout`: Playbook {
        Playbook(
            id: "upstream_timeout",
            title: "A reverse proxy timed out waiting for its upstream",
            layer: "proxy",
            severity: "critical",
            confidence: 0.6,
            when: [
                .status([.code(502), .code(503), .code(504)]),
                .any([
                    .status([.code(504)]),
                    .all([
                        .status([.code(504)]),
                        .hop(HopTest(name: "nginx", roles: nil, generated: true, upstream: nil)),
                    ]),
                    .all([
                        .hop(HopTest(name: "envoy", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "upstream request timeout")),
                    ]),
                    .all([
                        .status([.code(504)]),
                        .hop(HopTest(name: "apache", roles: nil, generated: true, upstream: nil)),
                    ]),
                    .all([
                        .status([.code(504)]),
                        .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server"], generated: true, upstream: nil)),
                    ]),
                    .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server", "origin"], generated: true, upstream: ["timeout"])),
                    .all([
                        .status([.code(502), .code(503)]),
                        .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server"], generated: true, upstream: nil)),
                        .field(path: "timings.wait_ms", test: ValueTest(gte: 1000.0)),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "The reverse proxy ({{hops}}) generated {{status}} {{reason}} after {{field:timings.total_ms}} ms: the upstream accepted the connection but did not answer within the proxy's read timeout (nginx proxy_read_timeout 60 s, envoy route timeout 15 s, Apache ProxyTimeout).",
            remediation: [
                "Read the error log of {{generator}} (it gave up waiting): it names the upstream and the request. nginx: `grep 'upstream timed out' /var/log/nginx/error.log | tail`; HAProxy: termination state `sH--` in its log (timeout server); Varnish: `varnishlog -g request -q 'FetchError ~ timeout'` (first_byte_timeout, between_bytes_timeout); Apache: `grep -E 'AH01102|AH00898|timed out' /var/log/apache2/error.log`; envoy: `UT` in the access log's response flags.",
                "Find why the upstream is slow (slow queries, a blocked worker pool, a dependency timing out) in its own logs and metrics.",
                "Align timeouts from the inside out: application/worker timeout < proxy timeout < load balancer idle timeout (nginx proxy_read_timeout 120s; envoy route timeout: 30s; Gunicorn --timeout; knowledge-base.md section 5).",
                "Move long work to a background job and answer 202 with a status URL.",
            ],
            verify: [
                "The proxy's timeout counter falls to 0 (nginx error log, envoy cluster.<name>.upstream_rq_timeout); p99 latency of the upstream stays below the proxy timeout.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout",
                "https://www.envoyproxy.io/docs/envoy/latest/faq/configuration/timeouts",
                "https://github.com/rezarahiminia/free-api-worldcup2022/issues/110",
                "knowledge-base.md section 5 (Gunicorn timeout)",
            ],
            file: "Playbooks/upstream_timeout.yaml"
        )
    }

    private static var `upstream_unavailable`: Playbook {
        Playbook(
            id: "upstream_unavailable",
            title: "A reverse proxy or load balancer could not reach its upstream or has no healthy upstream",
            layer: "proxy",
            severity: "critical",
            confidence: 0.6,
            when: [
                .any([
                    .all([
                        .status([.code(502)]),
                        .hop(HopTest(name: "nginx", roles: nil, generated: true, upstream: nil)),
                    ]),
                    .all([
                        .status([.code(502), .code(503)]),
                        .hop(HopTest(name: "envoy", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "upstream connect error|no healthy upstream")),
                    ]),
                    .all([
                        .status([.code(502), .code(503)]),
                        .hop(HopTest(name: "apache", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "Proxy Error|Service Unavailable")),
                    ]),
                    .status([.code(502)]),
                    .all([
                        .status([.code(502), .code(503)]),
                        .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server"], generated: true, upstream: nil)),
                    ]),
                ]),
            ],
            support: [],
            against: [
                .summary(path: "failed_fraction", test: ValueTest(lt: 1.0)),
                .field(path: "followups[].finding", test: ValueTest(equals: JSONValue.string("retry_succeeded"))),
                .body(ValueTest(contains: "HTTP Error 503. The service is unavailable.")),
                .hop(HopTest(name: nil, roles: ["cdn", "load-balancer", "proxy", "api-gateway", "web-server", "origin"], generated: true, upstream: ["timeout", "invalid", "too_large", "rate_limited", "denied"])),
                .all([
                    .status([.code(503)]),
                    .hop(HopTest(name: "nginx", roles: nil, generated: true, upstream: nil)),
                ]),
                .field(path: "timings.wait_ms", test: ValueTest(gte: 1000.0)),
            ],
            lookAlikes: [
                LookAlike(id: "upstream_timeout", tell: "a refused upstream fails in milliseconds; a 502/504 after seconds means the upstream accepted and then hung or died (worker timeout)", line: 36),
                LookAlike(id: "upstream_invalid_response", tell: "the proxy's error log says 'connect() failed (111: Connection refused)' for a dead upstream, 'upstream sent invalid header' for garbage", line: 38),
            ],
            explanation: "The reverse proxy in front of the application ({{hops}}) generated {{status}} itself: it could not open a connection to its upstream (refused, reset, wrong host/port/socket) or has no healthy upstream host{{body_match: reset reason: [a-z ]+}}.",
            remediation: [
                "Read the error log of {{generator}} (it generated the {{status}}): it names the upstream address and why it failed. nginx: `grep -E 'connect\\(\\) failed|no live upstreams|upstream prematurely closed' /var/log/nginx/error.log | tail`; HAProxy: `echo 'show servers state' | socat stdio /run/haproxy/admin.sock` (and its log's termination state, `SC--` = connection refused); Varnish: `varnishlog -g request -q 'FetchError'`; Apache: `grep -E 'AH00957|AH01114|AH00959' /var/log/apache2/error.log`; Traefik/Kong/Caddy: their access log's upstream status.",
                "nginx: read the error log for the cause: grep -E 'connect\\(\\) failed|upstream prematurely closed|no live upstreams' /var/log/nginx/error.log | tail",
                "envoy / Istio: the reset reason names it (connection failure = nothing listens, connection termination/remote reset = the upstream closed it, overflow = circuit breaker); check the cluster: curl -s localhost:15000/clusters | grep -E 'health_flags|cx_connect_fail'",
                "Check the upstream process listens where the proxy points (ss -ltnp | grep <upstream-port>; proxy_pass / cluster address / ProxyPass) and restart it if it crashed (systemctl status <app>, kubectl get pods, ECS task events).",
                "On Kubernetes: kubectl get endpoints <service> must list ready pods; fix failing readiness probes (see health_check_failing).",
            ],
            verify: [
                "The proxy's upstream error counter falls to 0 (nginx error log, envoy cluster.<name>.upstream_cx_connect_fail, Istio istio_requests_total{response_code=\"503\",response_flags=\"UF\"}); for an ALB in front, HTTPCode_Target_5XX_Count drops.",
                "httpdiag check {{url}} --samples 5 answers 2xx every time",
            ],
            references: [
                "https://nginx.org/en/docs/http/ngx_http_upstream_module.html",
                "https://www.envoyproxy.io/docs/envoy/latest/faq/debugging/why_is_envoy_503",
                "https://github.com/parse-community/parse-server/issues/1865",
                "https://github.com/envoyproxy/envoy/issues/8937",
                "knowledge-base.md section 5 (Example 4, multi-container with nginx)",
            ],
            file: "Playbooks/upstream_unavailable.yaml"
        )
    }

    private static var `waf_challenge_or_captcha`: Playbook {
        Playbook(
            id: "waf_challenge_or_captcha",
            title: "AWS WAF answered with a challenge (202) or CAPTCHA (405) instead of the content",
            layer: "waf",
            severity: "critical",
            confidence: 0.95,
            when: [
                .any([
                    .header(name: "x-amzn-waf-action", test: ValueTest(matches: "^(challenge|captcha)$")),
                    .header(name: "cf-mitigated", test: ValueTest(matches: "^challenge$")),
                    .all([
                        .status([.code(202), .code(403), .code(405), .code(429), .code(503)]),
                        .body(ValueTest(matches: "<title>Just a moment\\.\\.\\.</title>|/cdn-cgi/challenge-platform/|Checking (if the site connection is secure|your browser before accessing)|_Incapsula_Resource|captcha-delivery\\.com|px-captcha|Enable JavaScript and cookies to continue|hcaptcha\\.com/1/api\\.js|DDoS protection by")),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "AWS WAF ({{hops}}) answered {{status}} {{reason}} with x-amzn-waf-action: {{header:x-amzn-waf-action}}: a rule with a Challenge or CAPTCHA action matched, and the client has no valid aws-waf-token cookie. Browsers get a JavaScript interstitial; API and non-browser clients just get an empty {{status}} and never reach the application, even though a 202 looks like success.",
            remediation: [
                "Find the rule: aws wafv2 get-web-acl --name <web-acl> --scope REGIONAL --id <id> --query 'WebACL.Rules[?Action.Challenge || Action.Captcha].{name:Name,priority:Priority}' (scope CLOUDFRONT in us-east-1 for a distribution)",
                "Exclude API and machine traffic from the challenge: add a scope-down statement (path /api/*, a header, or an IP set) or change the rule's action to Count/Allow for those requests, then aws wafv2 update-web-acl ... --lock-token <token>",
                "For browser apps calling APIs, integrate the WAF JavaScript SDK (AwsWafIntegration.fetch) so calls carry the aws-waf-token; for mobile apps use the WAF mobile SDK.",
                "Raise the token immunity time if legitimate users are challenged too often (ChallengeConfig / CaptchaConfig ImmunityTimeProperty).",
            ],
            verify: [
                "CloudWatch AWS/WAFV2 metrics ChallengeRequests / CaptchaRequests of that rule drop for this traffic; RequestsWithValidChallengeToken rises for browsers.",
                "httpdiag check {{url}} answers 200 without an x-amzn-waf-action header",
            ],
            references: [
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-how-it-works.html",
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-tokens.html",
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-javascript-api.html",
                "knowledge-base.md section 1 Scenario 1",
            ],
            file: "Playbooks/waf_challenge_or_captcha.yaml"
        )
    }

    private static var `waf_request_blocked`: Playbook {
        Playbook(
            id: "waf_request_blocked",
            title: "An AWS WAF web ACL (managed, custom or rate-based rule) blocked the request",
            layer: "waf",
            severity: "critical",
            confidence: 0.88,
            when: [
                .status([.code(403), .code(406), .code(429)]),
                .any([
                    .all([
                        .hop(HopTest(name: "cloudfront", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "<HR noshade size=\"1px\">\\s*Request blocked\\.")),
                    ]),
                    .all([
                        .hop(HopTest(name: "alb", roles: nil, generated: true, upstream: nil)),
                        .body(ValueTest(matches: "403 Forbidden")),
                    ]),
                    .header(name: "x-amzn-waf-action", test: ValueTest(matches: "^block$")),
                    .body(ValueTest(matches: "Sorry, you have been blocked|Cloudflare Ray ID:[\\s\\S]*(has banned you|used Cloudflare to restrict access)|error code: 10(06|07|08|10|12|20)\\b|The requested URL was rejected\\. Please consult with your administrator|Sucuri WebSite Firewall - Access Denied|Request unsuccessful\\. Incapsula incident ID|This error was generated by Mod_?Security|Not Acceptable!.{0,200}Mod_Security|The request is blocked\\.|Request blocked by (the )?(WAF|Web Application Firewall)|AkamaiGHost[\\s\\S]*Reference&#32;&#35;")),
                    .all([
                        .status([.code(403), .code(406)]),
                        .hop(HopTest(name: nil, roles: ["waf"], generated: true, upstream: nil)),
                    ]),
                    .all([
                        .status([.code(403)]),
                        .hop(HopTest(name: nil, roles: ["cdn", "load-balancer"], generated: true, upstream: ["denied"])),
                    ]),
                ]),
            ],
            support: [],
            against: [],
            lookAlikes: [],
            explanation: "{{hops}} answered {{status}} without contacting the application: an AWS WAF web ACL associated with the {{hops}} matched {{method}} {{url}} with a Block action (a managed rule such as SizeRestrictions_BODY or GenericLFI_BODY, an IP/geo rule, or a rate-based rule).",
            remediation: [
                "Find the web ACL: aws wafv2 get-web-acl-for-resource --resource-arn <alb-arn> (REGIONAL), or the distribution's WebACLId (aws cloudfront get-distribution-config --id <distribution-id> --query DistributionConfig.WebACLId) with --scope CLOUDFRONT --region us-east-1",
                "See which rule blocked: aws wafv2 get-sampled-requests --web-acl-arn <web-acl-arn> --rule-metric-name <metric> --scope REGIONAL --time-window StartTime=<t0>,EndTime=<t1> --max-items 100, or query the WAF logs for action = BLOCK and terminatingRuleId",
                "If the rule is a false positive, override it to Count for this traffic (RuleActionOverrides: [{\"Name\": \"<rule>\", \"ActionToUse\": {\"Count\": {}}}]) or add a scope-down statement, then aws wafv2 update-web-acl ... --lock-token <token>",
                "For a rate-based rule, back off the client or raise the limit; for an IP set, add the caller's address (aws wafv2 update-ip-set).",
            ],
            verify: [
                "CloudWatch AWS/WAFV2 metric BlockedRequests (dimensions WebACL, Rule, Region) for that rule drops for this traffic; AllowedRequests rises.",
                "httpdiag check {{url}} answers without the 403",
            ],
            references: [
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-action.html",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-403-issues",
                "https://repost.aws/knowledge-center/cloudfront-troubleshoot-403-errors",
                "https://github.com/labnol/covid19-vaccine-tracker/issues/5",
                "https://github.com/aws-samples/sample-kolya-br-proxy/pull/38",
                "knowledge-base.md section 1 Scenario 1 (DDoS protection, WAF rules)",
            ],
            file: "Playbooks/waf_request_blocked.yaml"
        )
    }

    private static var `hop_cloudflare`: HopSignature {
        HopSignature(
            name: "cloudflare",
            title: "Cloudflare",
            role: "cdn",
            order: 10,
            signals: [
                .header("Server", "^cloudflare$"),
                .header("CF-RAY", ""),
            ],
            generatedSignals: [
                .bodyContains("cloudflare-nginx"),
                .bodyContains("<span class=\"cf-error-code\">"),
                .bodyContains("Cloudflare Ray ID"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("<span class=\"cf-error-code\">520</span>"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyMatches("<span class=\"cf-error-code\">521</span>"), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyMatches("<span class=\"cf-error-code\">52[24]</span>"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("<span class=\"cf-error-code\">52[56]</span>"), means: "tls"),
            ],
            source: [
                "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/",
                "https://developers.cloudflare.com/fundamentals/reference/http-headers/ (Server: cloudflare, CF-RAY on every proxied response)",
            ],
            file: "Playbooks/hops/cloudflare.yaml"
        )
    }

    private static var `hop_fastly`: HopSignature {
        HopSignature(
            name: "fastly",
            title: "Fastly",
            role: "cdn",
            order: 11,
            signals: [
                .header("X-Served-By", "^cache-[a-z0-9]+-[A-Z0-9]+"),
                .header("X-Timer", "^S[0-9]+\\.[0-9]+,VS[0-9]"),
                .bodyContains("<h3>Guru Mediation:</h3>"),
                .bodyContains("Fastly error: unknown domain"),
                .cname("\\.(fastly|fastlylb)\\.net\\.?$"),
            ],
            generatedSignals: [
                .bodyContains("<h3>Guru Mediation:</h3>"),
                .bodyContains("Fastly error: unknown domain"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("Error 503 first byte timeout"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Error 503 (Backend is unhealthy|All backends failed or unhealthy)"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Error 503 backend read error"), means: "reset"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Error 503 Connection refused"), means: "refused"),
            ],
            source: [
                "https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By (cache-{datacenter}{nodeid}-{datacenter}, set on all responses)",
                "https://www.fastly.com/documentation/reference/http/http-headers/X-Cache",
                "https://www.fastly.com/documentation/guides/vcl/errors (Fastly-generated 503s: obj.response \"backend read error\", \"first byte timeout\", \"Backend is unhealthy\", ...)",
                "public captures of Fastly's synthetic page (\"<h3>Guru Mediation:</h3>\", \"<p>Details: cache-sea4461-SEA ...</p>\"), e.g. Etsy API clients' fixtures",
                "https://github.com/mpv-player/mpv/issues/4395 (\"Fastly error: unknown domain: mpv.io. Please check that this domain has been added to a service.\")",
            ],
            file: "Playbooks/hops/fastly.yaml"
        )
    }

    private static var `hop_akamai`: HopSignature {
        HopSignature(
            name: "akamai",
            title: "Akamai",
            role: "cdn",
            order: 12,
            signals: [
                .header("Server", "^AkamaiGHost"),
                .header("X-Reference-Error", ""),
                .header("Akamai-Cache-Status", ""),
                .bodyMatches("Reference(\\s|&#32;)(#|&#35;)[0-9]+(\\.|&#46;)[0-9a-f]+(\\.|&#46;)[0-9]+(\\.|&#46;)[0-9a-f]+"),
                .bodyContains("errors.edgesuite.net"),
                .cname("\\.(edgekey|edgesuite|akamaized)\\.net\\.?$"),
            ],
            generatedSignals: [
                .bodyMatches("Reference(\\s|&#32;)(#|&#35;)[0-9]+(\\.|&#46;)[0-9a-f]+(\\.|&#46;)[0-9]+(\\.|&#46;)[0-9a-f]+"),
                .header("X-Reference-Error", ""),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("Zero size object"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)97(\\.|&#46;)"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)1(\\.|&#46;)"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)6(\\.|&#46;)"), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)11(\\.|&#46;)"), means: "dns"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)30(\\.|&#46;)"), means: "tls"),
                HopSignature.UpstreamReason(signal: .bodyMatches("Reference(\\s|&#32;)(#|&#35;)18(\\.|&#46;)"), means: "denied"),
            ],
            source: [
                "https://techdocs.akamai.com/terraform/reference/ga-global-request-number (error reference strings of the form 18.2f580317.1772098100.2b6a23ca)",
                "https://github.com/markSmurphy/akamai-error-lookup (Akamai \"Reference #\" error numbers: Akamai, not the origin, produced the error)",
                "https://gist.github.com/chrisvanpatten/dc02f0d5727369801dc7e9e6fded1837 (reference prefixes: 1 ERR_READ_TIMEOUT, 6 ERR_CONNECT_FAIL, 11 ERR_DNS_FAIL, 18 ERR_ACCESS_DENIED, 30 ERR_FWD_SSL_HANDSHAKE, 97 ERR_CONNECT_TIMEOUT)",
                "https://github.com/Ekultek/WhatWaf/issues/1162 and https://github.com/netbirdio/netbird/issues/3670 (captured 403: Server: AkamaiGHost, \"Reference #18...\", https://errors.edgesuite.net/...)",
                "https://techdocs.akamai.com/terraform/v10.4/docs/pm-rc-edge-hostname (edge hostname CNAME targets: edgesuite.net, edgekey.net, akamaized.net)",
                "https://gist.github.com/andcam/9305da753726599ba2a14e2a6ff13de2 (captured 503: \"An error occurred while processing your request.<p>\" \"Reference #95...\")",
            ],
            file: "Playbooks/hops/akamai.yaml"
        )
    }

    private static var `hop_azure_front_door`: HopSignature {
        HopSignature(
            name: "azure-front-door",
            title: "Azure Front Door",
            role: "cdn",
            order: 13,
            signals: [
                .header("X-Azure-Ref", ""),
                .bodyContains("<h2>Our services aren't available right now</h2>"),
                .cname("\\.azurefd\\.net\\.?$"),
            ],
            generatedSignals: [
                .bodyContains("<h2>Our services aren't available right now</h2>"),
                .bodyContains("<div id='errorref'>"),
            ],
            upstreamReasons: [],
            source: [
                "https://learn.microsoft.com/en-us/azure/frontdoor/refstring (X-Azure-Ref: the Reference String Front Door appends to every response; its error pages include it)",
                "https://learn.microsoft.com/en-us/azure/frontdoor/troubleshoot-issues (400 \"Our services aren't available right now\" for unknown hosts/routes; 503/504 \"OriginInvalidResponse\", origin timeout)",
                "https://github.com/microsoft/MSRC-Microsoft-Security-Updates-API/issues/92 (captured Front Door page: \"<h2>Our services aren't available right now</h2>\", \"<div id='errorref'>\")",
                "MicrosoftDocs/azure-docs articles/active-directory-b2c custom domain (CNAME to the Front Door endpoint contoso-frontend.azurefd.net)",
            ],
            file: "Playbooks/hops/azure-front-door.yaml"
        )
    }

    private static var `hop_vercel`: HopSignature {
        HopSignature(
            name: "vercel",
            title: "Vercel",
            role: "cdn",
            order: 14,
            signals: [
                .header("Server", "^Vercel$"),
                .header("x-vercel-id", ""),
                .header("x-vercel-cache", ""),
                .header("x-vercel-error", ""),
            ],
            generatedSignals: [
                .header("x-vercel-error", ""),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .header("x-vercel-error", "^(EDGE_)?FUNCTION_INVOCATION_TIMEOUT$|^MIDDLEWARE_INVOCATION_TIMEOUT$"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .header("x-vercel-error", "^DNS_HOSTNAME_"), means: "dns"),
                HopSignature.UpstreamReason(signal: .header("x-vercel-error", "^FUNCTION_THROTTLED$"), means: "rate_limited"),
                HopSignature.UpstreamReason(signal: .header("x-vercel-error", "^FUNCTION_(RESPONSE_)?PAYLOAD_TOO_LARGE$"), means: "too_large"),
                HopSignature.UpstreamReason(signal: .header("x-vercel-error", "^NO_RESPONSE_FROM_FUNCTION$|^BODY_NOT_A_STRING_FROM_FUNCTION$"), means: "invalid"),
            ],
            source: [
                "https://vercel.com/docs/headers/response-headers (server: Vercel, x-vercel-id, x-vercel-cache)",
                "https://vercel.com/docs/errors (error codes DEPLOYMENT_NOT_FOUND, FUNCTION_INVOCATION_FAILED, FUNCTION_INVOCATION_TIMEOUT, DNS_HOSTNAME_NOT_FOUND, FUNCTION_THROTTLED, NO_RESPONSE_FROM_FUNCTION, ...)",
                "public captures of x-vercel-error on Vercel's own error responses (e.g. \"Server: Vercel\", \"x-vercel-error: FUNCTION_INVOCATION_FAILED\"; \"x-vercel-error: DEPLOYMENT_NOT_FOUND\")",
                "https://github.com/cooderl/wewe-rss/issues/399 (rendered page \"404: NOT_FOUND Code: NOT_FOUND ID: fra1::4hqpk-1745266764256-a195fef235b1\")",
            ],
            file: "Playbooks/hops/vercel.yaml"
        )
    }

    private static var `hop_netlify`: HopSignature {
        HopSignature(
            name: "netlify",
            title: "Netlify",
            role: "cdn",
            order: 15,
            signals: [
                .header("Server", "^Netlify$"),
                .header("X-Nf-Request-Id", ""),
                .header("Cache-Status", "\"Netlify Edge\""),
                .cname("\\.netlify\\.app\\.?$"),
            ],
            generatedSignals: [
                .bodyContains("Not Found - Request ID:"),
                .bodyContains("Netlify Internal ID:"),
                .bodyMatches("weren.t expecting a 404 for this path, please visit Netlify.s"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.netlify.com/resources/troubleshooting/page-not-found-error-guide/ (Netlify's default 404 \"Page not found\")",
                "https://github.com/EdOverflow/can-i-take-over-xyz/pull/239 (unknown site: \"Not Found - Request ID: 01FH76...\")",
                "https://github.com/gareth618/pastemd/issues/3 (site not found page: \"Netlify Internal ID: ...\")",
                "https://github.com/NightProxy/Night/issues/41 (page not found: \"If this is your site, and you weren't expecting a 404 for this path, please visit Netlify's ...\")",
                "https://github.com/conda-incubator/conda-store/issues/892 (cache-status: \"Netlify Edge\"; fwd=miss) and public captures of \"Server: Netlify\" with \"X-Nf-Request-Id\"",
            ],
            file: "Playbooks/hops/netlify.yaml"
        )
    }

    private static var `hop_bunnycdn`: HopSignature {
        HopSignature(
            name: "bunnycdn",
            title: "Bunny CDN (bunny.net)",
            role: "cdn",
            order: 16,
            signals: [
                .header("Server", "^BunnyCDN-"),
                .header("CDN-PullZone", ""),
                .header("CDN-RequestId", ""),
                .header("CDN-Uid", ""),
                .cname("\\.b-cdn\\.net\\.?$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://docs.bunny.net/cdn/troubleshooting/run-traceroute (\"Every response from Bunny CDN includes a Server header that identifies which PoP and server handled the request: Server: BunnyCDN-{PoP Code}-{Server-ID}\")",
                "https://support.bunny.net/hc/en-us/articles/115001131172-I-am-seeing-a-lot-of-502-and-504-errors (502: our server received an invalid response from your origin; 504: no successful response from the origin in time)",
                "public captures of responses served through Bunny (api.weatherapi.com: \"Server: BunnyCDN-DE1-865\", \"CDN-PullZone: 93447\", \"CDN-RequestPullCode: 200\", \"CDN-RequestId: ad757856d65f2c3647310d60e8ea885c\", \"CDN-Cache: HIT\", \"CDN-Status: 200\"; bunny.net itself: cdn-pullzone, cdn-uid, cdn-requestid)",
                "https://docs.bunny.net/cdn/edge-rules/redirect-hostname (\"your default b-cdn.net hostname\", e.g. mycdn.b-cdn.net, the CNAME target of a custom hostname)",
            ],
            file: "Playbooks/hops/bunnycdn.yaml"
        )
    }

    private static var `hop_keycdn`: HopSignature {
        HopSignature(
            name: "keycdn",
            title: "KeyCDN",
            role: "cdn",
            order: 17,
            signals: [
                .header("Server", "^keycdn-engine$"),
                .header("X-Shield", "^active$"),
                .cname("\\.kxcdn\\.com\\.?$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://www.keycdn.com/support/frequently-asked-questions (edge request headers X-Pull: KeyCDN and X-Forwarded-Host: <zonename>-<id>.kxcdn.com; cache statuses HIT, MISS, EXPIRED, REVALIDATED, UPDATING, STALE in X-Cache)",
                "https://www.keycdn.com/support/pull-zone-settings (Origin Shield: \"Additional HTTP response header field: X-Shield: active\")",
                "keycdn.com support pages (curl -I https://www.keycdn.com/img/example.jpg: \"HTTP/2 200\", \"server: keycdn-engine\")",
            ],
            file: "Playbooks/hops/keycdn.yaml"
        )
    }

    private static var `hop_cloudfront`: HopSignature {
        HopSignature(
            name: "cloudfront",
            title: "Amazon CloudFront",
            role: "cdn",
            order: 20,
            signals: [
                .header("Via", "\\(CloudFront\\)"),
                .header("X-Amz-Cf-Id", ""),
                .header("X-Amz-Cf-Pop", ""),
                .header("X-Cache", "cloudfront"),
                .cname("\\.cloudfront\\.net\\.?$"),
            ],
            generatedSignals: [
                .header("Server", "^CloudFront$"),
                .bodyContains("Generated by cloudfront (CloudFront)"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("CloudFront wasn't able to connect to the origin."), means: "refused"),
            ],
            source: [
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-status-codes.html",
                "awsdocs/amazon-cloudfront-developer-guide doc_source/http-502-bad-gateway.md",
                "shared/corpus/01,02,06,13",
            ],
            file: "Playbooks/hops/cloudfront.yaml"
        )
    }

    private static var `hop_waf`: HopSignature {
        HopSignature(
            name: "waf",
            title: "AWS WAF",
            role: "waf",
            order: 30,
            signals: [
                .header("x-amzn-waf-action", ""),
                .bodyContains("AwsWafIntegration"),
                .bodyContains("challenge.compact.js"),
            ],
            generatedSignals: [
                .header("x-amzn-waf-action", ""),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-how-it-works.html",
                "shared/corpus/33",
            ],
            file: "Playbooks/hops/waf.yaml"
        )
    }

    private static var `hop_sucuri`: HopSignature {
        HopSignature(
            name: "sucuri",
            title: "Sucuri Website Firewall (CloudProxy)",
            role: "waf",
            order: 31,
            signals: [
                .header("Server", "^Sucuri/Cloudproxy"),
                .header("X-Sucuri-ID", ""),
                .header("X-Sucuri-Cache", ""),
                .header("X-Sucuri-Block", ""),
                .bodyContains("cdn.sucuri.net/"),
            ],
            generatedSignals: [
                .header("X-Sucuri-Block", ""),
                .bodyContains("<title>Sucuri WebSite Firewall - Access Denied</title>"),
                .bodyContains("https://cdn.sucuri.net/sucuri-firewall-block.css"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .header("X-Sucuri-Block", ""), means: "denied"),
            ],
            source: [
                "https://github.com/Ekultek/WhatWaf/issues/1164 (captured block: Server: Sucuri/Cloudproxy, X-Sucuri-ID, X-Sucuri-Block: EVA079, \"<title>Sucuri WebSite Firewall - Access Denied</title>\", https://cdn.sucuri.net/sucuri-firewall-block.css)",
                "https://github.com/sqlmapproject/sqlmap/pull/2761 (X-Sucuri-Cache, X-Sucuri-ID, \"Access Denied - Sucuri Website Firewall\")",
                "https://github.com/Ekultek/WhatWaf/issues/1562 (GoDaddy-branded variant: \"<title>GoDaddy Security - Access Denied</title>\", cdn.sucuri.net/css/whitelabel)",
            ],
            file: "Playbooks/hops/sucuri.yaml"
        )
    }

    private static var `hop_imperva`: HopSignature {
        HopSignature(
            name: "imperva",
            title: "Imperva (Incapsula) cloud WAF and CDN",
            role: "waf",
            order: 32,
            signals: [
                .header("X-Iinfo", ""),
                .header("X-CDN", "Imperva|Incapsula"),
                .header("Set-Cookie", "^(visid_incap_|incap_ses_)"),
                .bodyContains("_Incapsula_Resource"),
            ],
            generatedSignals: [
                .bodyContains("Request unsuccessful. Incapsula incident ID:"),
                .bodyContains("_Incapsula_Resource"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("Incapsula incident ID:"), means: "denied"),
            ],
            source: [
                "https://github.com/ziplokk1/incapsula-cracker-py3/issues/1 (block page: iframe src=\"/_Incapsula_Resource?...\" \"Request unsuccessful. Incapsula incident ID: ...\")",
                "https://github.com/microlinkhq/is-antibot/pull/60 (x-iinfo and x-cdn: Incapsula set on every Imperva-fronted response; JS challenge carries /_Incapsula_Resource)",
                "https://github.com/AynOps/AynOps/pull/133 (X-Iinfo / X-CDN present on normal and blocked responses; block body embeds _Incapsula_Resource)",
                "https://github.com/ziplokk1/incapsula-cracker-py3/issues/13 (cookies visid_incap_ / incap_ses_ set by the block page)",
            ],
            file: "Playbooks/hops/imperva.yaml"
        )
    }

    private static var `hop_apigateway_rest`: HopSignature {
        HopSignature(
            name: "apigateway-rest",
            title: "Amazon API Gateway (REST API)",
            role: "api-gateway",
            order: 40,
            signals: [
                .header("x-amz-apigw-id", ""),
                .header("x-amzn-ErrorType", ""),
                .cname("\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com\\.?$"),
            ],
            generatedSignals: [
                .header("x-amzn-ErrorType", ""),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("Endpoint request timed out"), means: "timeout"),
            ],
            source: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html",
                "shared/corpus/37,40,49,51,55,56",
            ],
            file: "Playbooks/hops/apigateway-rest.yaml"
        )
    }

    private static var `hop_apigateway_http`: HopSignature {
        HopSignature(
            name: "apigateway-http",
            title: "Amazon API Gateway (HTTP API)",
            role: "api-gateway",
            order: 41,
            signals: [
                .header("apigw-requestid", ""),
            ],
            generatedSignals: [
                .bodyContains("{\"message\":\"Service Unavailable\"}"),
                .bodyContains("{\"message\":\"Not Found\"}"),
                .bodyContains("{\"message\":\"Internal Server Error\"}"),
                .bodyContains("{\"message\":\"Unauthorized\"}"),
                .bodyContains("{\"message\":\"Too Many Requests\"}"),
                .bodyContains("{\"message\":\"Forbidden\"}"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting.html",
                "shared/corpus/61",
            ],
            file: "Playbooks/hops/apigateway-http.yaml"
        )
    }

    private static var `hop_lambda_url`: HopSignature {
        HopSignature(
            name: "lambda-url",
            title: "AWS Lambda function URL",
            role: "api-gateway",
            order: 42,
            signals: [
                .cname("\\.lambda-url\\.[a-z0-9-]+\\.on\\.aws\\.?$"),
                .bodyContains("Function URL"),
            ],
            generatedSignals: [
                .bodyContains("Function URL"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
                "https://github.com/awsdocs/aws-lambda-developer-guide/issues/494 (403 x-amzn-ErrorType: AccessDeniedException, body \"Forbidden. For troubleshooting Function URL authorization issues, see: ...\")",
            ],
            file: "Playbooks/hops/lambda-url.yaml"
        )
    }

    private static var `hop_azure_apim`: HopSignature {
        HopSignature(
            name: "azure-apim",
            title: "Azure API Management gateway",
            role: "api-gateway",
            order: 43,
            signals: [
                .header("Ocp-Apim-Trace-Location", ""),
                .bodyContains("Access denied due to missing subscription key."),
                .bodyContains("Access denied due to invalid subscription key"),
                .cname("\\.azure-api\\.(net|cn)\\.?$"),
            ],
            generatedSignals: [
                .bodyContains("Access denied due to missing subscription key."),
                .bodyContains("Access denied due to invalid subscription key"),
            ],
            upstreamReasons: [],
            source: [
                "https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/azure/api-mgmt/availability/unauthorized-errors-invoke-apis.md ({\"statusCode\": 401, \"message\": \"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.\"} and \"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.\")",
                "https://learn.microsoft.com/azure/api-management/api-management-howto-api-inspector (\"The response includes the Ocp-Apim-Trace-Location header, with a URL to the location of the trace data\")",
                "https://learn.microsoft.com/azure/api-management/configure-custom-domain (gateway default host <apim-service-name>.azure-api.net, the CNAME target of a custom domain)",
                "https://github.com/Azure-Samples/openai-python-enterprise-logging/issues/6 (captured while testing an Azure OpenAI API in APIM: {\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint. ...\"}})",
            ],
            file: "Playbooks/hops/azure-apim.yaml"
        )
    }

    private static var `hop_apigee`: HopSignature {
        HopSignature(
            name: "apigee",
            title: "Apigee API gateway (Apigee X / hybrid / Edge)",
            role: "api-gateway",
            order: 44,
            signals: [
                .bodyMatches("\"fault\":\\s*\\{\\s*\"faultstring\":\\s*\"(?:[^\"\\\\]|\\\\.)*\",\\s*\"detail\":\\s*\\{\\s*\"errorcode\":"),
            ],
            generatedSignals: [
                .bodyMatches("\"fault\":\\s*\\{\\s*\"faultstring\":\\s*\"(?:[^\"\\\\]|\\\\.)*\",\\s*\"detail\":\\s*\\{\\s*\"errorcode\":"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("messaging.adaptors.http.flow.NoActiveTargets"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .bodyContains("messaging.adaptors.http.flow.GatewayTimeout"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("policies\\.ratelimit\\.(QuotaViolation|SpikeArrestViolation)"), means: "rate_limited"),
            ],
            source: [
                "https://cloud.google.com/apigee/docs/api-platform/errorcatalog/mp-runtime-errorcatalog (Message Processor errors: {\"fault\":{\"faultstring\":\"Gateway Timeout\",\"detail\":{\"errorcode\":\"messaging.adaptors.http.flow.GatewayTimeout\",\"reason\":\"TARGET_READ_TIMEOUT\"}}}; {\"fault\":{\"faultstring\":\"request line size exceeding 7,168\",\"detail\":{\"errorcode\":\"protocol.http.TooBigLine\"}}})",
                "https://docs.apigee.com/api-platform/troubleshoot/runtime/503-service-unavailable-no-active-targets ({\"fault\":{\"faultstring\":\"The Service is temporarily unavailable\",\"detail\":{\"errorcode\":\"messaging.adaptors.http.flow.NoActiveTargets\"}}})",
                "https://docs.apigee.com/api-platform/troubleshoot/runtime/503-service-unavailable (errorcode messaging.adaptors.http.flow.ServiceUnavailable)",
                "https://docs.apigee.com/api-platform/troubleshoot/runtime/404-unable-identify-proxy-host ({\"fault\":{\"faultstring\":\"Unable to identify proxy for host: default and url: \\/oauth2\\/token\",\"detail\":{\"errorcode\":\"messaging.adaptors.http.flow.ApplicationNotFound\"}}})",
                "https://docs.apigee.com/api-monitoring/fault-codes (fault codes [prefix].[error_name], e.g. steps.raisefault.RaiseFault, oauth.v2.*, policies.ratelimit.*)",
            ],
            file: "Playbooks/hops/apigee.yaml"
        )
    }

    private static var `hop_kong`: HopSignature {
        HopSignature(
            name: "kong",
            title: "Kong Gateway",
            role: "api-gateway",
            order: 45,
            signals: [
                .header("Server", "^kong/"),
                .header("Via", "\\bkong/[0-9]"),
                .header("X-Kong-Response-Latency", ""),
                .header("X-Kong-Upstream-Latency", ""),
                .header("X-Kong-Proxy-Latency", ""),
                .header("X-Kong-Request-Id", ""),
            ],
            generatedSignals: [
                .header("X-Kong-Response-Latency", ""),
                .bodyContains("no Route matched with those values"),
                .bodyContains("An invalid response was received from the upstream server"),
                .bodyContains("The upstream server is currently unavailable"),
                .bodyContains("The upstream server is timing out"),
                .bodyContains("failure to get a peer from the ring-balancer"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("An invalid response was received from the upstream server"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyContains("The upstream server is timing out"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyContains("failure to get a peer from the ring-balancer"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .bodyContains("name resolution failed"), means: "dns"),
                HopSignature.UpstreamReason(signal: .bodyContains("The upstream server is currently unavailable"), means: "refused"),
            ],
            source: [
                "Kong/kong kong/meta.lua (_SERVER_TOKENS = \"kong/\" .. version, used for Server and Via)",
                "Kong/kong kong/constants.lua (headers X-Kong-Proxy-Latency, X-Kong-Response-Latency, X-Kong-Upstream-Latency, X-Kong-Request-Id, Via)",
                "Kong/kong kong/runloop/handler.lua (X-Kong-Response-Latency only on responses Kong produced itself, not proxied; 404 \"no Route matched with those values\")",
                "Kong/kong kong/error_handlers.lua and kong/tools/http.lua (error bodies: JSON {\"message\":\"...\",\"request_id\":\"...\"}, messages \"An invalid response was received from the upstream server\", \"The upstream server is currently unavailable\", \"The upstream server is timing out\")",
                "Kong/kong kong/runloop/balancer/init.lua (\"failure to get a peer from the ring-balancer\", \"name resolution failed\", 503)",
            ],
            file: "Playbooks/hops/kong.yaml"
        )
    }

    private static var `hop_google_esf`: HopSignature {
        HopSignature(
            name: "google-esf",
            title: "Google APIs front end (ESF, *.googleapis.com) and the Google JSON error model",
            role: "api-gateway",
            order: 46,
            signals: [
                .header("Server", "^ESF$"),
                .bodyMatches("\"@type\":\\s*\"type\\.googleapis\\.com/google\\.rpc\\."),
                .bodyMatches("\"error\":\\s*\\{\\s*\"code\":\\s*[0-9]{3},\\s*\"message\":\\s*\"(?:[^\"\\\\]|\\\\.)*\",\\s*\"status\":\\s*\"(INVALID_ARGUMENT|FAILED_PRECONDITION|OUT_OF_RANGE|UNAUTHENTICATED|PERMISSION_DENIED|NOT_FOUND|ABORTED|ALREADY_EXISTS|RESOURCE_EXHAUSTED|CANCELLED|DATA_LOSS|UNKNOWN|INTERNAL|UNIMPLEMENTED|UNAVAILABLE|DEADLINE_EXCEEDED)\""),
            ],
            generatedSignals: [
                .bodyMatches("\"@type\":\\s*\"type\\.googleapis\\.com/google\\.rpc\\."),
                .bodyMatches("\"error\":\\s*\\{\\s*\"code\":\\s*[0-9]{3},\\s*\"message\":\\s*\"(?:[^\"\\\\]|\\\\.)*\",\\s*\"status\":\\s*\"(INVALID_ARGUMENT|FAILED_PRECONDITION|OUT_OF_RANGE|UNAUTHENTICATED|PERMISSION_DENIED|NOT_FOUND|ABORTED|ALREADY_EXISTS|RESOURCE_EXHAUSTED|CANCELLED|DATA_LOSS|UNKNOWN|INTERNAL|UNIMPLEMENTED|UNAVAILABLE|DEADLINE_EXCEEDED)\""),
            ],
            upstreamReasons: [],
            source: [
                "https://cloud.google.com/apis/design/errors (HTTP mapping of google.rpc.Status: {\"error\":{\"code\":403,\"message\":\"...\",\"status\":\"PERMISSION_DENIED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":...,\"domain\":\"googleapis.com\",...}]}})",
                "https://github.com/google-gemini/gemini-cli/issues/18014 (captured googleapis.com response headers: server: 'ESF', content-type: application/json; charset=UTF-8)",
                "https://github.com/liuw1535/antigravity2api-nodejs/issues/19 (captured 403 body with \"status\": \"PERMISSION_DENIED\" and \"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"domain\": \"googleapis.com\")",
                "https://github.com/GoogleCloudPlatform/google-cloud-iot-arduino/issues/75 ({\"error\": {\"code\": 403, \"message\": \"The caller does not have permission\", \"status\": \"PERMISSION_DENIED\"}})",
            ],
            file: "Playbooks/hops/google-esf.yaml"
        )
    }

    private static var `hop_alb`: HopSignature {
        HopSignature(
            name: "alb",
            title: "AWS Application Load Balancer",
            role: "load-balancer",
            order: 50,
            signals: [
                .header("Server", "^awselb/2\\.0$"),
                .header("Set-Cookie", "^AWSALB(CORS)?="),
                .cname("\\.elb\\.amazonaws\\.com\\.?$"),
            ],
            generatedSignals: [
                .header("Server", "^awselb/2\\.0$"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html (AWSALB, AWSALBCORS cookies)",
                "shared/corpus/26,28,33",
            ],
            file: "Playbooks/hops/alb.yaml"
        )
    }

    private static var `hop_clb`: HopSignature {
        HopSignature(
            name: "clb",
            title: "AWS Classic Load Balancer (ELB classic)",
            role: "load-balancer",
            order: 51,
            signals: [
                .header("Set-Cookie", "^AWSELB="),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-sticky-sessions.html (\"Elastic Load Balancing creates a cookie, named AWSELB, that is used to map the session to the instance\")",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ts-elb-error-message.html (HTTP errors the load balancer itself returns)",
            ],
            file: "Playbooks/hops/clb.yaml"
        )
    }

    private static var `hop_google_frontend`: HopSignature {
        HopSignature(
            name: "google-frontend",
            title: "Google Front End (Google Cloud load balancing, Cloud Run, App Engine, Google APIs)",
            role: "load-balancer",
            order: 52,
            signals: [
                .header("Via", "(^|,\\s*)1\\.1 google(\\s*,|$)"),
                .header("Server", "^Google Frontend$"),
                .bodyContains("<ins>That’s an error.</ins>"),
                .bodyMatches("<title>Error [0-9]{3} \\([^)]*\\)!!1</title>"),
            ],
            generatedSignals: [
                .bodyContains("<ins>That’s an error.</ins>"),
                .bodyMatches("<title>Error [0-9]{3} \\([^)]*\\)!!1</title>"),
            ],
            upstreamReasons: [],
            source: [
                "https://cloud.google.com/load-balancing/docs/https (external Application Load Balancer implemented on Google Front Ends; target proxies add \"Via: 1.1 google\" to requests and responses)",
                "https://cloud.google.com/load-balancing/docs/https/custom-headers-global (\"The load balancer adds certain headers by default to all HTTP(S) requests and responses\"; X-Goog-/X-GFE names reserved)",
                "https://github.com/kubernetes/cloud-provider-gcp/issues/753 and https://github.com/SemkoDev/field.cli/issues/21 (captured GFE page: \"<title>Error 502 (Server Error)!!1</title>\", \"<a href=//www.google.com/><span id=logo aria-label=Google></span></a>\", \"<ins>That’s an error.</ins>\")",
                "https://github.com/XX-net/XX-Net/issues/71 (\"502. That’s an error. The server encountered a temporary error and could not complete your request. Please try again in 30 seconds. That’s all we know.\")",
                "public captures of Cloud Run / App Engine responses with \"server: Google Frontend\" and \"X-Cloud-Trace-Context\"",
            ],
            file: "Playbooks/hops/google-frontend.yaml"
        )
    }

    private static var `hop_azure_app_gateway`: HopSignature {
        HopSignature(
            name: "azure-app-gateway",
            title: "Azure Application Gateway",
            role: "load-balancer",
            order: 53,
            signals: [
                .header("Server", "^Microsoft-Azure-Application-Gateway/"),
                .bodyContains("<hr><center>Microsoft-Azure-Application-Gateway/"),
            ],
            generatedSignals: [
                .bodyContains("<hr><center>Microsoft-Azure-Application-Gateway/"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("<title>403 Forbidden</title>"), means: "denied"),
            ],
            source: [
                "https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-troubleshooting-502 (502 generated by the gateway: backend unreachable, unhealthy probe, request time-out)",
                "https://github.com/MicrosoftDocs/azure-docs/issues/110739 (captured gateway page \"<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\")",
                "https://github.com/MicrosoftDocs/azure-docs/pull/97251 (http-response-codes.md: 504 when the backend response time exceeds the listener rule's time-out)",
            ],
            file: "Playbooks/hops/azure-app-gateway.yaml"
        )
    }

    private static var `hop_fly_io`: HopSignature {
        HopSignature(
            name: "fly-io",
            title: "Fly.io edge proxy (Fly Proxy)",
            role: "load-balancer",
            order: 53,
            signals: [
                .header("Server", "^Fly/[0-9a-f]+"),
                .header("Via", "(^|,\\s*)(1\\.1|2|3) fly\\.io(\\s*,|$)"),
                .header("fly-request-id", ""),
                .cname("\\.fly\\.dev\\.?$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "superfly/docs networking/request-headers.html.md (\"Request and Response Headers\": Via - \"a connection through the Fly edge may show 2 fly.io in the field, denoting that version 2 of HTTP was used by the connection as it passed through the Fly Proxy\")",
                "https://github.com/superfly/docs/issues/184 (Document headers: fly-request-id)",
                "public curl captures of *.fly.dev apps (e.g. an inlets tutorial: \"server: Fly/050517e (2021-06-16)\", \"via: 2 fly.io\", \"fly-request-id: 01F8VV5BC6BVZVS3BHTGSP0148\"; an app down behind Fly: \"HTTP/2 502\", \"server: Fly/67f5b9b0 (2025-10-27)\", \"via: 2 fly.io\", \"fly-request-id: 01K8RS9B59AX0ZS77B4YBQJJ1R-iad\", empty body)",
                "https://fly.io/docs/networking/custom-domain/ (custom domains point a CNAME at <app>.fly.dev)",
            ],
            file: "Playbooks/hops/fly-io.yaml"
        )
    }

    private static var `hop_f5_bigip`: HopSignature {
        HopSignature(
            name: "f5-bigip",
            title: "F5 BIG-IP (LTM load balancer, ASM/Advanced WAF)",
            role: "load-balancer",
            order: 54,
            signals: [
                .header("Set-Cookie", "^BIGipServer"),
                .header("Set-Cookie", "^TS01[0-9a-f]{6}="),
                .bodyContains("The requested URL was rejected. Please consult with your administrator."),
            ],
            generatedSignals: [
                .bodyContains("The requested URL was rejected. Please consult with your administrator."),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("The requested URL was rejected."), means: "denied"),
            ],
            source: [
                "https://docs.ansible.com/ansible/2.8/modules/bigip_profile_persistence_cookie_module.html (cookie insert persistence: \"the pool-name in the inserted BIG-IP default cookie\")",
                "public captures of the LTM default persistence cookie \"Set-Cookie: BIGipServer<pool>=<encoded ip>.<encoded port>.0000\" (e.g. BIGipServer~CUIT~www.columbia.edu-80-pool=1764244352.20480.0000) and ASM \"TS01...\" cookies",
                "https://github.com/ariya/phantomjs/issues/14601 (\"The requested URL was rejected. Please consult with your administrator. Your support ID is: ...\" is issued by F5 Application Security Manager)",
                "https://github.com/Ekultek/WhatWaf/issues/1371 (captured ASM page \"<title>Request Rejected</title>\")",
            ],
            file: "Playbooks/hops/f5-bigip.yaml"
        )
    }

    private static var `hop_railway`: HopSignature {
        HopSignature(
            name: "railway",
            title: "Railway edge proxy",
            role: "load-balancer",
            order: 54,
            signals: [
                .header("Server", "^railway-(edge|hikari)$"),
                .header("X-Railway-Edge", ""),
                .header("X-Railway-Request-Id", ""),
                .header("X-Railway-Fallback", ""),
                .cname("\\.up\\.railway\\.app\\.?$"),
            ],
            generatedSignals: [
                .bodyMatches("\\{\"status\":\\s*\"error\",\\s*\"code\":\\s*[0-9]{3},\\s*\"message\":\\s*\"(Application failed to respond|Application not found)\""),
                .header("X-Railway-Fallback", "^true$"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.railway.com/networking/edge-networking (\"what the X-Railway-Edge header tells you\": each request is tagged with the edge POP that terminated it)",
                "https://docs.railway.com/reference/public-networking (X-Railway-Request-Id \"for correlating requests against network logs\")",
                "Cangaroo007/stonehenge-v2 RAILWAY_502_INVESTIGATION.md and peaceblacksmith/SimEntrepreneurGame railway-debug.md (the edge's own 502 when the app does not answer: {\"status\":\"error\",\"code\":502,\"message\":\"Application failed to respond\"})",
                "public captures of *.up.railway.app responses (\"Server: railway-edge\", \"X-Railway-Edge: railway/us-west2\", \"X-Railway-Request-Id: ucE8S2t-Qn6AKhHY0_TJvA\"; an unattached domain: {\"status\":\"error\",\"code\":404,\"message\":\"Application not found\",\"request_id\":\"...\"}; the fallback answer carries x-railway-fallback: true)",
            ],
            file: "Playbooks/hops/railway.yaml"
        )
    }

    private static var `hop_render`: HopSignature {
        HopSignature(
            name: "render",
            title: "Render (web service hosting edge)",
            role: "load-balancer",
            order: 54,
            signals: [
                .header("Rndr-Id", ""),
                .cname("\\.onrender\\.com\\.?$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://render.com/docs/logging (\"Tracing with requestID and Rndr-Id\": \"Render includes this same value in the Rndr-Id HTTP header - both in the request to your web service and in the response to the requesting client\", e.g. Rndr-Id: 58ebfa3c3-8929-4885)",
                "https://docs.render.com/custom-domains (\"Web services and static sites are always available at their onrender.com subdomain\"; a custom domain's CNAME points at it)",
            ],
            file: "Playbooks/hops/render.yaml"
        )
    }

    private static var `hop_heroku_router`: HopSignature {
        HopSignature(
            name: "heroku-router",
            title: "Heroku router",
            role: "load-balancer",
            order: 55,
            signals: [
                .header("Via", "\\bvegur\\b"),
                .bodyContains("//www.herokucdn.com/error-pages/"),
            ],
            generatedSignals: [
                .bodyContains("//www.herokucdn.com/error-pages/"),
            ],
            upstreamReasons: [],
            source: [
                "https://devcenter.heroku.com/articles/error-pages (the router's error pages, replaceable with ERROR_PAGE_URL / MAINTENANCE_PAGE_URL)",
                "https://github.com/heroku/vegur/issues/188 (production Heroku says \"Via: 1.1 vegur\" in HTTP responses)",
                "https://github.com/heroku/vegur/issues/111 (router-generated 502 with \"Server: Cowboy\")",
                "https://github.com/petersolopov/carbonara/issues/31 (router error body: <title>Application Error</title> ... <iframe src=\"//www.herokucdn.com/error-pages/application-error.html\"></iframe>)",
            ],
            file: "Playbooks/hops/heroku-router.yaml"
        )
    }

    private static var `hop_azure_app_service`: HopSignature {
        HopSignature(
            name: "azure-app-service",
            title: "Azure App Service (Web Apps front ends)",
            role: "load-balancer",
            order: 56,
            signals: [
                .header("Set-Cookie", "^ARRAffinity(SameSite)?="),
                .bodyContains("Error 403 - This web app is stopped."),
                .bodyContains("404 Web Site not found"),
                .cname("\\.azurewebsites\\.net\\.?$"),
            ],
            generatedSignals: [
                .bodyContains("Error 403 - This web app is stopped."),
                .bodyContains("404 Web Site not found"),
            ],
            upstreamReasons: [],
            source: [
                "https://github.com/Azure/app-service-announcements-discussions/issues/26 (App Service sets the ARRAffinity instance-affinity cookie, HttpOnly)",
                "https://github.com/microsoft/vscode-azureappservice/issues/1853 (\"Error 403 - This web app is stopped. The web app you have attempted to reach is currently stopped and does not accept any requests.\")",
                "public captures of \"404 Web Site not found.\" for hostnames App Service does not know (subdomain-takeover fingerprints for *.azurewebsites.net)",
            ],
            file: "Playbooks/hops/azure-app-service.yaml"
        )
    }

    private static var `hop_cloudfoundry_gorouter`: HopSignature {
        HopSignature(
            name: "cloudfoundry-gorouter",
            title: "Cloud Foundry Gorouter (also Tanzu Application Service / SAP BTP Cloud Foundry)",
            role: "load-balancer",
            order: 57,
            signals: [
                .header("X-Cf-Routererror", ""),
                .bodyMatches("Requested route \\('[^']*'\\) (does not exist|has no available endpoints|has reached the connection limit)"),
            ],
            generatedSignals: [
                .header("X-Cf-Routererror", ""),
                .bodyMatches("Requested route \\('[^']*'\\) (does not exist|has no available endpoints|has reached the connection limit)"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "^no_endpoints$"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "^Connection Limit Reached$"), means: "overload"),
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "endpoint_failure.*connection refused"), means: "refused"),
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "endpoint_failure.*(timeout|timed out)"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "endpoint_failure.*(connection reset|EOF)"), means: "reset"),
                HopSignature.UpstreamReason(signal: .header("X-Cf-Routererror", "endpoint_failure.*(x509|tls)"), means: "tls"),
            ],
            source: [
                "cloudfoundry/gorouter common/http/headers.go (CfRouterError = \"X-Cf-RouterError\")",
                "cloudfoundry/gorouter docs/03-features.md (\"Router Errors\": X-Cf-Routererror values invalid_cf_app_instance_header, empty_host, unknown_route, no_endpoints, Connection Limit Reached, route_service_unsupported, endpoint_failure)",
                "cloudfoundry/gorouter handlers/lookup.go (404 \"Requested route ('%s') does not exist.\", 503 \"Requested route ('%s') has no available endpoints.\", 503 \"Requested route ('%s') has reached the connection limit.\")",
                "cloudfoundry/gorouter errorwriter/error_writer.go (plaintext body fmt.Sprintf(\"%d %s: %s\", code, http.StatusText(code), message))",
                "cloudfoundry/gorouter proxy/round_tripper/error_handler.go (HandleError: X-Cf-RouterError \"endpoint_failure (<error>)\"; 525/526 for TLS failures to the backend, 502 otherwise)",
            ],
            file: "Playbooks/hops/cloudfoundry-gorouter.yaml"
        )
    }

    private static var `hop_envoy`: HopSignature {
        HopSignature(
            name: "envoy",
            title: "Envoy proxy (also Istio, Envoy Gateway, App Mesh sidecars and gateways)",
            role: "proxy",
            order: 60,
            signals: [
                .header("Server", "^(envoy|istio-envoy)$"),
                .header("x-envoy-upstream-service-time", ""),
                .bodyContains("upstream connect error or disconnect/reset before headers"),
            ],
            generatedSignals: [
                .bodyContains("upstream connect error or disconnect/reset before headers"),
                .bodyContains("no healthy upstream"),
                .bodyContains("upstream request timeout"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("reset reason: connection failure"), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyMatches("reset reason: connection timeout"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("reset reason: (connection termination|remote reset|local reset)"), means: "reset"),
                HopSignature.UpstreamReason(signal: .bodyMatches("reset reason: overflow"), means: "overload"),
                HopSignature.UpstreamReason(signal: .bodyMatches("transport failure reason: TLS"), means: "tls"),
                HopSignature.UpstreamReason(signal: .bodyMatches("^no healthy upstream"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .bodyMatches("^upstream request timeout"), means: "timeout"),
            ],
            source: [
                "https://www.envoyproxy.io/docs/envoy/latest/faq/debugging/why_is_envoy_503",
                "envoyproxy/envoy source/common/router/router.cc (onUpstreamReset: \"upstream connect error or disconnect/reset before headers. reset reason: ...\"; \"no healthy upstream\"; \"upstream request timeout\"; x-envoy-upstream-service-time)",
                "istio/istio pilot/pkg/networking/core (EnvoyServerName = \"istio-envoy\", the Server header of Istio sidecars and gateways)",
                "shared/corpus/74",
            ],
            file: "Playbooks/hops/envoy.yaml"
        )
    }

    private static var `hop_zscaler`: HopSignature {
        HopSignature(
            name: "zscaler",
            title: "Zscaler Internet Access (client-side secure web gateway / forward proxy)",
            role: "proxy",
            order: 60,
            signals: [
                .bodyContains("<title>Internet Security by Zscaler</title>"),
                .bodyContains("content=\"Zscaler makes the internet safe for businesses"),
                .bodyContains("/__zsig/"),
            ],
            generatedSignals: [
                .bodyContains("<title>Internet Security by Zscaler</title>"),
                .bodyContains("content=\"Zscaler makes the internet safe for businesses"),
                .bodyContains("/__zsig/"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("Not allowed to browse"), means: "denied"),
            ],
            source: [
                "https://help.zscaler.com/zia/about-acceptable-use-policy-and-end-user-notifications (\"The Zscaler service displays a notification page to users whenever it blocks access to certain sites, files, or Internet applications\")",
                "https://help.zscaler.com/unified/configuring-block-notifications (HTTP: block notification always shown; HTTPS: shown with SSL inspection, otherwise a 403)",
                "https://github.com/microsoft/vscode-copilot-release/issues/8852 (captured Zscaler block page: <meta name=\"description\" content=\"Zscaler makes the internet safe for businesses by protecting their employees from malware, viruses, and other security threats.\">, <title>Internet Security by Zscaler</title>)",
                "https://github.com/microsoft/vscode-copilot-release/issues/2258 (captured block page: <img src=\"https://login.zscloud.net:443/__zsig/cD6cDqJ1r6W6M\" />)",
                "https://help.zscaler.com/zia/block-custom-notification (redirect parameters reason=Not+allowed+to+browse+Gambling+category&reasoncode=CATEGORY_DENIED)",
            ],
            file: "Playbooks/hops/zscaler.yaml"
        )
    }

    private static var `hop_contour`: HopSignature {
        HopSignature(
            name: "contour",
            title: "Contour (Envoy-based Kubernetes ingress controller)",
            role: "proxy",
            order: 61,
            signals: [
                .bodyMatches("^misdirected request to \"[^\"]*\""),
            ],
            generatedSignals: [
                .bodyMatches("^misdirected request to \"[^\"]*\""),
            ],
            upstreamReasons: [],
            source: [
                "projectcontour/contour internal/envoy/v3/listener.go (FilterMisdirectedRequests: a Lua filter on TLS listeners answers request_handle:respond({[\":status\"] = \"421\"}, string.format(\"misdirected request to %q\", host)) when the Host/:authority does not match the SNI)",
                "projectcontour/contour internal/envoy/v3/listener.go (ServerHeaderTransformation: Contour's Envoy otherwise keeps Envoy's own \"server: envoy\", so ordinary Contour traffic is found by the envoy signature)",
            ],
            file: "Playbooks/hops/contour.yaml"
        )
    }

    private static var `hop_nginx`: HopSignature {
        HopSignature(
            name: "nginx",
            title: "nginx",
            role: "proxy",
            order: 61,
            signals: [
                .header("Server", "^nginx"),
                .bodyContains("<hr><center>nginx"),
            ],
            generatedSignals: [
                .bodyContains("<hr><center>nginx"),
            ],
            upstreamReasons: [],
            source: [
                "nginx/nginx src/http/ngx_http_special_response.c (ngx_http_error_full_tail \"<hr><center>\" NGINX_VER \"</center>\", ngx_http_error_tail \"<hr><center>nginx</center>\")",
                "nginx/nginx src/http/ngx_http_header_filter_module.c (Server: nginx / nginx/VERSION)",
                "shared/corpus/68,69",
            ],
            file: "Playbooks/hops/nginx.yaml"
        )
    }

    private static var `hop_openresty`: HopSignature {
        HopSignature(
            name: "openresty",
            title: "OpenResty (nginx build)",
            role: "proxy",
            order: 62,
            signals: [
                .header("Server", "^openresty"),
                .bodyContains("<hr><center>openresty"),
            ],
            generatedSignals: [
                .bodyContains("<hr><center>openresty"),
            ],
            upstreamReasons: [],
            source: [
                "openresty/openresty patches/nginx/1.31.3/nginx-1.31.3-server_header.patch (NGINX_VER \"openresty/\" NGINX_VERSION; \"Server: openresty\")",
                "openresty/openresty patches/nginx/1.31.3/nginx-1.31.3-builtin_error_page_footer.patch (ngx_http_error_tail \"<hr><center>openresty</center>\")",
                "shared/corpus/69 (note: raw OpenResty 504 \"<hr><center>openresty</center>\" from rezarahiminia/free-api-worldcup2022#110)",
            ],
            file: "Playbooks/hops/openresty.yaml"
        )
    }

    private static var `hop_linkerd`: HopSignature {
        HopSignature(
            name: "linkerd",
            title: "Linkerd service mesh proxy (linkerd2-proxy sidecar)",
            role: "proxy",
            order: 63,
            signals: [
                .header("l5d-proxy-error", ""),
                .header("l5d-proxy-connection", ""),
            ],
            generatedSignals: [
                .header("l5d-proxy-error", ""),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "fail-fast"), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "connect timed out|timed out"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "connection refused"), means: "refused"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "connection reset|connection closed before message completed"), means: "reset"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "service unavailable"), means: "overload"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "rate limit exceeded"), means: "rate_limited"),
                HopSignature.UpstreamReason(signal: .header("l5d-proxy-error", "unauthorized request on route"), means: "denied"),
            ],
            source: [
                "linkerd/linkerd2-proxy linkerd/app/core/src/errors.rs (header names L5D_PROXY_ERROR = \"l5d-proxy-error\", L5D_PROXY_CONNECTION = \"l5d-proxy-connection\")",
                "linkerd/linkerd2-proxy linkerd/app/core/src/errors/respond.rs (SyntheticHttpResponse::http_response: the proxy's own error answer has content-length: 0 and carries l5d-proxy-error: <message>; l5d-proxy-connection: close when the connection is to be closed)",
                "linkerd/linkerd2-proxy linkerd/app/outbound/src/http/server.rs and linkerd/app/inbound/src/http/server.rs (ServerRescue: FailFastError -> 504, LoadShedError -> 503, NoRoute -> 404, RateLimitError -> 429, HttpRouteUnauthorized -> 403); linkerd/app/outbound/src/http/endpoint.rs (io::Error -> 502, ConnectTimeout -> 504)",
                "linkerd/linkerd2-proxy linkerd/stack/src/failfast.rs (\"service in fail-fast\"), linkerd/stack/src/loadshed.rs (\"service unavailable\"), linkerd/app/core/src/errors.rs (\"connect timed out after {0:?}\"), linkerd/app/inbound/src/policy/http.rs (\"unauthorized request on route\", \"no route found for request\"), linkerd/proxy/server-policy/src/local_rate_limit.rs (\"total rate limit exceeded: {0}rps\")",
                "https://linkerd.io/2.15/common-errors/http-503-504 (503 load-shedding, 504 fail-fast)",
            ],
            file: "Playbooks/hops/linkerd.yaml"
        )
    }

    private static var `hop_haproxy`: HopSignature {
        HopSignature(
            name: "haproxy",
            title: "HAProxy",
            role: "proxy",
            order: 64,
            signals: [
                .bodyContains("No server is available to handle this request."),
                .bodyContains("The server returned an invalid or incomplete response."),
                .bodyContains("The server didn't respond in time."),
                .bodyContains("Request forbidden by administrative rules."),
                .bodyContains("Your browser didn't send a complete request in time."),
            ],
            generatedSignals: [
                .bodyContains("No server is available to handle this request."),
                .bodyContains("The server returned an invalid or incomplete response."),
                .bodyContains("The server didn't respond in time."),
                .bodyContains("Request forbidden by administrative rules."),
                .bodyContains("Your browser didn't send a complete request in time."),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("No server is available to handle this request."), means: "no_healthy"),
                HopSignature.UpstreamReason(signal: .bodyContains("The server returned an invalid or incomplete response."), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyContains("The server didn't respond in time."), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyContains("Request forbidden by administrative rules."), means: "denied"),
            ],
            source: [
                "haproxy/haproxy src/http.c (http_err_msgs: the built-in error responses, e.g. 503 \"No server is available to handle this request.\", 504 \"The server didn't respond in time.\", 502 \"The server returned an invalid or incomplete response.\", 403 \"Request forbidden by administrative rules.\")",
                "haproxy/haproxy src/http_htx.c (http_str_to_htx / errorfile loading of these messages)",
            ],
            file: "Playbooks/hops/haproxy.yaml"
        )
    }

    private static var `hop_traefik`: HopSignature {
        HopSignature(
            name: "traefik",
            title: "Traefik Proxy",
            role: "proxy",
            order: 65,
            signals: [
                .bodyMatches("^no available server\\n?$"),
            ],
            generatedSignals: [
                .bodyMatches("^no available server\\n?$"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("^no available server"), means: "no_healthy"),
            ],
            source: [
                "traefik/traefik pkg/server/service/loadbalancer/wrr/wrr.go (errNoAvailableServer \"no available server\", written with http.Error and status 503)",
                "traefik/traefik pkg/proxy/httputil/proxy.go (ErrorHandlerWithContext: upstream failures answered with the bare status text, e.g. \"Bad Gateway\", \"Gateway Timeout\", no identifying header)",
            ],
            file: "Playbooks/hops/traefik.yaml"
        )
    }

    private static var `hop_varnish`: HopSignature {
        HopSignature(
            name: "varnish",
            title: "Varnish Cache",
            role: "proxy",
            order: 66,
            signals: [
                .header("X-Varnish", ""),
                .header("Via", "\\(Varnish/"),
                .header("Server", "^Varnish$"),
                .bodyContains("<h3>Guru Meditation:</h3>"),
            ],
            generatedSignals: [
                .bodyContains("<h3>Guru Meditation:</h3>"),
                .header("Server", "^Varnish$"),
            ],
            upstreamReasons: [],
            source: [
                "varnishcache/varnish-cache bin/varnishd/builtin.vcl (vcl_builtin_synth / vcl_builtin_backend_error: \"<h3>Guru Meditation:</h3>\", \"<p>XID: ...</p>\", \"<p>Varnish cache server</p>\", Retry-After: 5)",
                "varnishcache/varnish-cache bin/varnishd/cache/cache_req_fsm.c (X-Varnish on every delivered response; Resp_Setup_Synth sets \"Server: Varnish\")",
                "varnishcache/varnish-cache bin/varnishd/cache/cache_fetch.c (backend failure: 503 \"Backend fetch failed\", \"Server: Varnish\")",
                "varnishcache/varnish-cache bin/varnishd/cache/cache_http.c (Via \"1.1 <identity> (Varnish/<branch>)\")",
            ],
            file: "Playbooks/hops/varnish.yaml"
        )
    }

    private static var `hop_apache_traffic_server`: HopSignature {
        HopSignature(
            name: "apache-traffic-server",
            title: "Apache Traffic Server",
            role: "proxy",
            order: 67,
            signals: [
                .header("Server", "^ATS/"),
                .header("Via", "ApacheTrafficServer"),
                .bodyContains("<FONT FACE=\"Helvetica,Arial\"><B>\nDescription: "),
            ],
            generatedSignals: [
                .bodyContains("<FONT FACE=\"Helvetica,Arial\"><B>\nDescription: "),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("Description: Could not connect to the requested server host."), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyContains("Description: Unable to locate the server requested"), means: "dns"),
                HopSignature.UpstreamReason(signal: .bodyContains("Description: Too much time has passed without sending any data for document."), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyContains("Description: The host requested did not return the document correctly."), means: "invalid"),
            ],
            source: [
                "apache/trafficserver src/records/RecordsConfig.cc (proxy.config.http.response_server_str \"ATS/\" PACKAGE_VERSION; request/response_via_str \"ApacheTrafficServer/\" PACKAGE_VERSION)",
                "apache/trafficserver configs/body_factory/default/ (connect#failed_connect \"Could Not Connect\", connect#dns_failed \"Unknown Host\", timeout#inactivity \"Inactivity Timeout\", response#bad_response \"Web Server Error\", urlrouting#no_mapping \"Not Found on Accelerator\")",
            ],
            file: "Playbooks/hops/apache-traffic-server.yaml"
        )
    }

    private static var `hop_squid`: HopSignature {
        HopSignature(
            name: "squid",
            title: "Squid proxy cache",
            role: "proxy",
            order: 68,
            signals: [
                .header("X-Squid-Error", ""),
                .header("Via", "\\(squid(/[0-9.]+)?\\)"),
                .header("Server", "^squid(/|$)"),
                .bodyContains("<title>ERROR: The requested URL could not be retrieved</title>"),
            ],
            generatedSignals: [
                .header("X-Squid-Error", ""),
                .bodyContains("<title>ERROR: The requested URL could not be retrieved</title>"),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_CONNECT_FAIL 111"), means: "refused"),
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_CONNECT_FAIL 110|^ERR_READ_TIMEOUT|^ERR_LIFETIME_EXP"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_DNS_FAIL"), means: "dns"),
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_SECURE_CONNECT_FAIL"), means: "tls"),
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_(INVALID_RESP|ZERO_SIZE_OBJECT|READ_ERROR)"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .header("X-Squid-Error", "^ERR_ACCESS_DENIED"), means: "denied"),
            ],
            source: [
                "squid-cache/squid src/errorpage.cc (X-Squid-Error: \"<ERR_NAME> <errno>\" on every Squid error page; \"403 Access Denied\" variant)",
                "squid-cache/squid src/HttpHeader.cc addVia and src/cache_cf.cc (Via \"1.1 <hostname> (squid/<version>)\"); src/HttpReply.cc (Server: squid/<version>)",
                "squid-cache/squid errors/templates/ERR_CONNECT_FAIL (\"<title>ERROR: The requested URL could not be retrieved</title>\", \"<p>Generated %T by %h (%s)</p>\")",
            ],
            file: "Playbooks/hops/squid.yaml"
        )
    }

    private static var `hop_oauth2_proxy`: HopSignature {
        HopSignature(
            name: "oauth2-proxy",
            title: "OAuth2 Proxy (authenticating reverse proxy)",
            role: "proxy",
            order: 69,
            signals: [
                .bodyContains("href=\"https://github.com/oauth2-proxy/oauth2-proxy#oauth2_proxy\""),
                .bodyContains("/oauth2/static/css/bulma.min.css"),
                .header("Set-Cookie", "^_oauth2_proxy(_[A-Za-z0-9_-]+)?="),
            ],
            generatedSignals: [
                .bodyContains("href=\"https://github.com/oauth2-proxy/oauth2-proxy#oauth2_proxy\""),
                .bodyContains("/oauth2/static/css/bulma.min.css"),
            ],
            upstreamReasons: [],
            source: [
                "oauth2-proxy/oauth2-proxy pkg/app/pagewriter/sign_in.html and error.html (default footer: <p>Secured with <a href=\"https://github.com/oauth2-proxy/oauth2-proxy#oauth2_proxy\" class=\"has-text-grey\">OAuth2 Proxy</a> version {{.Version}}</p>; stylesheet {{.ProxyPrefix}}/static/css/bulma.min.css, default prefix /oauth2)",
                "oauth2-proxy/oauth2-proxy oauthproxy.go (unauthenticated request: p.SignInPage(rw, req, http.StatusForbidden); ErrorPage for 400/403/500, e.g. \"Login Failed: Unable to find a valid CSRF token. Please try again.\")",
                "oauth2-proxy/oauth2-proxy pkg/app/pagewriter/error_page.go (ProxyErrorHandler: status 502 with message \"There was a problem connecting to the upstream server.\")",
                "oauth2-proxy/oauth2-proxy pkg/apis/options/cookie.go (default cookie name \"_oauth2_proxy\"), pkg/cookies/csrf.go (CSRF cookie \"%v_csrf\" / \"%v_%v_csrf\") and pkg/sessions/cookie/session_store.go (splitCookie: numbered parts of a large session cookie)",
            ],
            file: "Playbooks/hops/oauth2-proxy.yaml"
        )
    }

    private static var `hop_caddy`: HopSignature {
        HopSignature(
            name: "caddy",
            title: "Caddy",
            role: "web-server",
            order: 70,
            signals: [
                .header("Server", "^Caddy$"),
                .header("Via", "(^|,\\s*)([A-Z]+/)?[0-9.]+ Caddy(\\s*,|$)"),
            ],
            generatedSignals: [
                .header("Server", "^Caddy$"),
            ],
            upstreamReasons: [],
            source: [
                "caddyserver/caddy modules/caddyhttp/server.go (ServerHeader = \"Caddy\", set on responses Caddy serves)",
                "caddyserver/caddy modules/caddyhttp/reverseproxy/reverseproxy.go (\"delete our Server header and use Via instead\": proxied responses get \"Via: 1.1 Caddy\" and keep the upstream's Server)",
            ],
            file: "Playbooks/hops/caddy.yaml"
        )
    }

    private static var `hop_apache`: HopSignature {
        HopSignature(
            name: "apache",
            title: "Apache HTTP Server (httpd)",
            role: "web-server",
            order: 71,
            signals: [
                .header("Server", "^Apache(/|$)"),
                .bodyContains("<address>Apache"),
                .bodyContains("<p>The proxy server received an invalid"),
            ],
            generatedSignals: [
                .bodyContains("<address>Apache"),
                .bodyContains("<p>The proxy server received an invalid"),
                .bodyContains("<p>The server is temporarily unable to service your"),
                .bodyContains("<p>The gateway did not receive a timely response"),
                .bodyContains("<p>You don't have permission to access this resource."),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyContains("Reason: <strong>Error reading from remote server</strong>"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyContains("Reason: <strong>DNS lookup failure"), means: "dns"),
                HopSignature.UpstreamReason(signal: .bodyContains("Reason: <strong>Error during SSL Handshake with remote server</strong>"), means: "tls"),
                HopSignature.UpstreamReason(signal: .bodyContains("<p>The proxy server received an invalid"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyContains("<p>The gateway did not receive a timely response"), means: "timeout"),
            ],
            source: [
                "apache/httpd 2.4.x modules/http/http_protocol.c (ap_send_error_response: DOCTYPE_HTML_2_0 page; get_canned_error_string texts)",
                "apache/httpd 2.4.x server/core.c (ap_psignature: \"<address>Apache/... Server at HOST Port N</address>\" when ServerSignature is on)",
            ],
            file: "Playbooks/hops/apache.yaml"
        )
    }

    private static var `hop_iis`: HopSignature {
        HopSignature(
            name: "iis",
            title: "Microsoft IIS, HTTP.sys and IIS ARR",
            role: "web-server",
            order: 72,
            signals: [
                .header("Server", "^Microsoft-(IIS|HTTPAPI)/"),
                .header("X-Powered-By", "^(ASP\\.NET|ARR/[0-9.]+)$"),
                .header("X-AspNet-Version", ""),
                .bodyContains("\"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\""),
                .bodyContains("502 - Web server received an invalid response while acting as a gateway or proxy server."),
            ],
            generatedSignals: [
                .header("Server", "^Microsoft-HTTPAPI/"),
                .bodyContains("\"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\""),
                .bodyContains("<p>HTTP Error 400. The request hostname is invalid.</p>"),
                .bodyContains("HTTP Error 503. The service is unavailable."),
                .bodyContains("502 - Web server received an invalid response while acting as a gateway or proxy server."),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("0x80072ee2|The operation timed out"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("0x80072efd|A connection with the server could not be established"), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyMatches("0x80072f78|The server returned an invalid or unrecognized response"), means: "invalid"),
                HopSignature.UpstreamReason(signal: .bodyContains("502 - Web server received an invalid response while acting as a gateway or proxy server."), means: "invalid"),
            ],
            source: [
                "https://github.com/pingfu/iis-remove-server-headers (IIS responses carry Server: Microsoft-IIS/x, X-Powered-By, X-AspNet-Version, X-AspNetMvc-Version)",
                "https://doc.sitecore.com/xp/en/developers/82/sitecore-experience-platform/remove-header-information-from-responses-sent-by-your-website.html (X-Powered-By and X-Aspnet-Version added by IIS/ASP.NET)",
                "https://github.com/postmanlabs/postman-app-support/issues/14137 (HTTP.sys page: doctype \"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\", \"<h2>Bad Request - Invalid Hostname</h2>\", \"<p>HTTP Error 400. The request hostname is invalid.</p>\", sent with Server: Microsoft-HTTPAPI/2.0)",
                "https://github.com/Azure/AzureNamingTool/issues/73 and https://github.com/cloudreve/cloudreve/issues/31 (\"Service Unavailable / HTTP Error 503. The service is unavailable.\" from HTTP.sys when the application pool is stopped)",
                "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/application-request-routing/troubleshooting-502-errors-in-arr (ARR 502.3 \"Bad Gateway: Forwarder Connection Error\")",
                "https://github.com/MicrosoftDocs/azure-docs/pull/108461 (\"502 - Web server received an invalid response while acting as a gateway or proxy server\")",
                "public captures of \"X-Powered-By: ARR/3.0\" next to \"Server: Microsoft-IIS/10.0\"",
            ],
            file: "Playbooks/hops/iis.yaml"
        )
    }

    private static var `hop_lighttpd`: HopSignature {
        HopSignature(
            name: "lighttpd",
            title: "lighttpd",
            role: "web-server",
            order: 73,
            signals: [
                .header("Server", "^lighttpd(/|$)"),
            ],
            generatedSignals: [
                .bodyContains(" <head>\n  <meta charset=\"UTF-8\" />\n  <title>"),
            ],
            upstreamReasons: [],
            source: [
                "lighttpd/lighttpd1.4 src/response.c (default error page: \"<!DOCTYPE html>\\n<html lang=\\\"en\\\">\\n <head>\\n  <meta charset=\\\"UTF-8\\\" />\\n  <title>STATUS</title>\\n </head>\\n <body>\\n  <h1>STATUS</h1>\\n </body>\\n</html>\\n\")",
                "lighttpd/lighttpd1.4 src/server.c (PACKAGE_DESC \"lighttpd/\" PACKAGE_VERSION, the default server.tag / Server header)",
            ],
            file: "Playbooks/hops/lighttpd.yaml"
        )
    }

    private static var `hop_tomcat`: HopSignature {
        HopSignature(
            name: "tomcat",
            title: "Apache Tomcat",
            role: "app-server",
            order: 75,
            signals: [
                .bodyContains("<h3>Apache Tomcat/"),
                .bodyContains("h1, h2, h3, b {color:white;background-color:#525D76;}"),
                .header("Server", "^Apache-Coyote/"),
            ],
            generatedSignals: [
                .bodyContains("<h3>Apache Tomcat/"),
                .bodyContains("h1, h2, h3, b {color:white;background-color:#525D76;}"),
            ],
            upstreamReasons: [],
            source: [
                "apache/tomcat java/org/apache/catalina/valves/ErrorReportValve.java (error report: \"<!doctype html><html lang=..><head><title>HTTP Status N – Reason</title><style type=\\\"text/css\\\">TOMCAT_CSS</style></head><body><h1>...</h1><hr class=\\\"line\\\" /><p><b>Type</b> Status Report</p>...<h3>\" + ServerInfo + \"</h3></body></html>\")",
                "apache/tomcat java/org/apache/catalina/util/TomcatCSS.java (\"h1, h2, h3, b {color:white;background-color:#525D76;}\")",
                "apache/tomcat java/org/apache/catalina/util/ServerInfo.java (\"Apache Tomcat/<version>\")",
                "apache/tomcat java/org/apache/catalina/valves/LocalStrings.properties (errorReportValve.statusHeader=HTTP Status {0} – {1})",
            ],
            file: "Playbooks/hops/tomcat.yaml"
        )
    }

    private static var `hop_gunicorn`: HopSignature {
        HopSignature(
            name: "gunicorn",
            title: "Gunicorn (Python WSGI server)",
            role: "app-server",
            order: 76,
            signals: [
                .header("Server", "^gunicorn(/|$)"),
                .bodyMatches("<h1><p>[^<]+</p></h1>"),
            ],
            generatedSignals: [
                .bodyMatches("<h1><p>[^<]+</p></h1>"),
            ],
            upstreamReasons: [],
            source: [
                "benoitc/gunicorn gunicorn/__init__.py (SERVER = \"gunicorn\"; older releases SERVER_SOFTWARE \"gunicorn/VERSION\") and gunicorn/http/wsgi.py (\"Server: %s\" header)",
                "benoitc/gunicorn gunicorn/util.py write_error (raw page \"<html>\\n  <head>\\n    <title>REASON</title>\\n  </head>\\n  <body>\\n    <h1><p>REASON</p></h1>\\n    MESSAGE\\n  </body>\\n</html>\\n\", no Server header)",
                "benoitc/gunicorn gunicorn/workers/base.py handle_error (400 \"Invalid Request Line '...'\", 431, 403 \"Request forbidden\", 500 \"Internal Server Error\")",
            ],
            file: "Playbooks/hops/gunicorn.yaml"
        )
    }

    private static var `hop_jetty`: HopSignature {
        HopSignature(
            name: "jetty",
            title: "Eclipse Jetty",
            role: "app-server",
            order: 76,
            signals: [
                .header("Server", "^Jetty\\("),
                .bodyContains("Powered by Jetty://"),
                .bodyContains("<h2>HTTP ERROR "),
            ],
            generatedSignals: [
                .bodyContains("Powered by Jetty://"),
                .bodyContains("<h2>HTTP ERROR "),
            ],
            upstreamReasons: [],
            source: [
                "jetty/jetty.project jetty-core/jetty-server/src/main/java/org/eclipse/jetty/server/handler/ErrorHandler.java (writeErrorHtml: \"<title>Error N ...</title>\", \"<h2>HTTP ERROR N ...</h2>\", \"<tr><th>URI:</th>\", then HttpConfiguration.writePoweredBy \"<hr/>\" POWERED_BY \"<hr/>\")",
                "jetty/jetty.project jetty-core/jetty-util/src/main/java/org/eclipse/jetty/util/Jetty.java (POWERED_BY \"<a href=\\\"https://jetty.org/\\\">Powered by Jetty:// VERSION</a>\")",
                "jetty/jetty.project jetty-core/jetty-server/src/main/java/org/eclipse/jetty/server/HttpConfiguration.java (SERVER_VERSION \"Jetty(\" VERSION \")\")",
            ],
            file: "Playbooks/hops/jetty.yaml"
        )
    }

    private static var `hop_puma`: HopSignature {
        HopSignature(
            name: "puma",
            title: "Puma (Ruby/Rack application server)",
            role: "app-server",
            order: 76,
            signals: [
                .bodyContains("Puma caught this error: "),
            ],
            generatedSignals: [
                .bodyContains("Puma caught this error: "),
            ],
            upstreamReasons: [],
            source: [
                "puma/puma lib/puma/server.rb (lowlevel_error: with leak_stack_on_error, the default in development, [status, {}, [\"Puma caught this error: #{e.message} (#{e.class})\\n#{backtrace}\"]]; otherwise an empty body)",
                "puma/puma lib/puma/const.rb (ERROR_RESPONSE: raw \"HTTP/1.1 400 Bad Request\\r\\n\\r\\n\", 404 \"connection: close\", 408, 500, 501, 503 with no Server header and no body)",
            ],
            file: "Playbooks/hops/puma.yaml"
        )
    }

    private static var `hop_uvicorn`: HopSignature {
        HopSignature(
            name: "uvicorn",
            title: "Uvicorn (Python ASGI server)",
            role: "app-server",
            order: 76,
            signals: [
                .header("Server", "^uvicorn$"),
            ],
            generatedSignals: [
                .bodyContains("Invalid HTTP request received."),
            ],
            upstreamReasons: [],
            source: [
                "encode/uvicorn uvicorn/config.py (default header (b\"server\", b\"uvicorn\"))",
                "encode/uvicorn uvicorn/protocols/http/httptools_impl.py and h11_impl.py (send_500_response: text/plain \"Internal Server Error\", content-length 21; 400 \"Invalid HTTP request received.\")",
                "encode/uvicorn uvicorn/protocols/http/flow_control.py (service_unavailable: 503 \"Service Unavailable\" when over the concurrency limit)",
            ],
            file: "Playbooks/hops/uvicorn.yaml"
        )
    }

    private static var `hop_kestrel`: HopSignature {
        HopSignature(
            name: "kestrel",
            title: "Kestrel (ASP.NET Core web server)",
            role: "app-server",
            order: 77,
            signals: [
                .header("Server", "^Kestrel$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.server.kestrel.core.kestrelserveroptions.addserverheader (\"Gets or sets whether the Server header should be included in each response. Defaults to true.\")",
                "https://github.com/aspnet/KestrelHttpServer/pull/855 (Constants.ServerName = \"Kestrel\", written as the Server header when AddServerHeader is on)",
            ],
            file: "Playbooks/hops/kestrel.yaml"
        )
    }

    private static var `hop_kubernetes_apiserver`: HopSignature {
        HopSignature(
            name: "kubernetes-apiserver",
            title: "Kubernetes API server (kube-apiserver, including its aggregator and service/pod proxy)",
            role: "app-server",
            order: 77,
            signals: [
                .header("X-Kubernetes-PF-FlowSchema-UID", ""),
                .header("X-Kubernetes-PF-PriorityLevel-UID", ""),
                .bodyMatches("\"kind\":\\s*\"Status\",\\s*\"apiVersion\":\\s*\"v1\""),
            ],
            generatedSignals: [
                .bodyMatches("\"kind\":\\s*\"Status\",\\s*\"apiVersion\":\\s*\"v1\""),
            ],
            upstreamReasons: [
                HopSignature.UpstreamReason(signal: .bodyMatches("error trying to reach service: [^\"]*connection refused"), means: "refused"),
                HopSignature.UpstreamReason(signal: .bodyMatches("error trying to reach service: [^\"]*(i/o timeout|timeout)"), means: "timeout"),
                HopSignature.UpstreamReason(signal: .bodyMatches("error trying to reach service: [^\"]*no such host"), means: "dns"),
                HopSignature.UpstreamReason(signal: .bodyMatches("error trying to reach service: [^\"]*(x509|tls)"), means: "tls"),
            ],
            source: [
                "kubernetes/kubernetes staging/src/k8s.io/api/flowcontrol/v1/types.go (ResponseHeaderMatchedPriorityLevelConfigurationUID = \"X-Kubernetes-PF-PriorityLevel-UID\", ResponseHeaderMatchedFlowSchemaUID = \"X-Kubernetes-PF-FlowSchema-UID\", set on every response by the API Priority and Fairness filter)",
                "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/apis/audit/types.go (HeaderAuditID = \"Audit-ID\")",
                "kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (Status: {\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":...,\"reason\":...,\"code\":...})",
                "kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/proxy/transport.go (a failed service/pod proxy: errors.NewServiceUnavailable(fmt.Sprintf(\"error trying to reach service: %v\", err)))",
                "https://github.com/eip-work/kuboard-press/issues/257 (captured 403 from kube-apiserver: X-Kubernetes-Pf-Flowschema-Uid, X-Kubernetes-Pf-Prioritylevel-Uid, Status body \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\")",
                "https://github.com/kelseyhightower/kubernetes-the-hard-way/issues/298 (the same Status body, pretty-printed)",
            ],
            file: "Playbooks/hops/kubernetes-apiserver.yaml"
        )
    }

    private static var `hop_php_fpm`: HopSignature {
        HopSignature(
            name: "php-fpm",
            title: "PHP (PHP-FPM FastCGI process manager behind nginx/Apache, and other PHP SAPIs)",
            role: "app-server",
            order: 77,
            signals: [
                .header("X-Powered-By", "^PHP/"),
                .bodyMatches("^File not found\\.\\s*$"),
                .bodyMatches("^Access denied\\.\\s*$"),
            ],
            generatedSignals: [
                .bodyMatches("^File not found\\.\\s*$"),
                .bodyMatches("^Access denied\\.\\s*$"),
            ],
            upstreamReasons: [],
            source: [
                "php/php-src sapi/fpm/fpm/fpm_main.c (no SCRIPT_FILENAME found: zlog(ZLOG_DEBUG, \"Primary script unknown\"); SG(sapi_headers).http_response_code = 404; PUTS(\"File not found.\\n\"); security.limit_extensions refused: 403 and PUTS(\"Access denied.\\n\"))",
                "php/php-src main/SAPI.h (#define SAPI_PHP_VERSION_HEADER \"X-Powered-By: PHP/\" PHP_VERSION, sent when expose_php is on)",
                "https://github.com/aschmelyun/docker-compose-laravel/issues/17 (nginx error log 'FastCGI sent in stderr: \"Primary script unknown\"' with a 404 of a 16-byte body)",
            ],
            file: "Playbooks/hops/php-fpm.yaml"
        )
    }

    private static var `hop_bun`: HopSignature {
        HopSignature(
            name: "bun",
            title: "Bun (Bun.serve HTTP server)",
            role: "app-server",
            order: 78,
            signals: [
                .bodyContains("Welcome to Bun! To get started, return a Response object."),
            ],
            generatedSignals: [
                .bodyContains("Welcome to Bun! To get started, return a Response object."),
            ],
            upstreamReasons: [],
            source: [
                "oven-sh/bun src/bun.js/api/server/RequestContext.zig (renderMissing: when the fetch handler returns no Response, 200 OK with content-type text/plain and the body \"Welcome to Bun! To get started, return a Response object.\")",
            ],
            file: "Playbooks/hops/bun.yaml"
        )
    }

    private static var `hop_cowboy`: HopSignature {
        HopSignature(
            name: "cowboy",
            title: "Cowboy (Erlang/Elixir HTTP server; Phoenix, RabbitMQ management, and Heroku's classic router)",
            role: "app-server",
            order: 78,
            signals: [
                .header("Server", "^Cowboy$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "ninenines/cowboy src/cowboy_req.erl (response_headers: default <<\"server\">> => <<\"Cowboy\">> merged into every response)",
                "ninenines/cowboy src/cowboy_http.erl (error_terminate/early_error: 400, 408, 414, 431, 501 and 505 answers for requests it cannot parse, with connection: close)",
            ],
            file: "Playbooks/hops/cowboy.yaml"
        )
    }

    private static var `hop_express`: HopSignature {
        HopSignature(
            name: "express",
            title: "Express (Node.js)",
            role: "app-server",
            order: 78,
            signals: [
                .header("X-Powered-By", "^Express$"),
                .bodyMatches("<pre>Cannot [A-Z]+ /"),
            ],
            generatedSignals: [
                .bodyMatches("<pre>Cannot [A-Z]+ /"),
            ],
            upstreamReasons: [],
            source: [
                "expressjs/express lib/application.js (handle: if x-powered-by is enabled, the default, res.setHeader('X-Powered-By', 'Express'))",
                "pillarjs/finalhandler index.js (the default 404 \"Cannot \" + req.method + \" \" + path inside \"<pre>...</pre>\" of createHtmlDocument, with Content-Security-Policy: default-src 'none' and X-Content-Type-Options: nosniff)",
            ],
            file: "Playbooks/hops/express.yaml"
        )
    }

    private static var `hop_werkzeug`: HopSignature {
        HopSignature(
            name: "werkzeug",
            title: "Werkzeug / Flask (Python WSGI toolkit and its development server)",
            role: "app-server",
            order: 78,
            signals: [
                .header("Server", "^Werkzeug/"),
                .bodyContains("<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>"),
                .bodyContains("<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>"),
            ],
            generatedSignals: [
                .bodyContains("<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>"),
                .bodyContains("<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>"),
                .bodyContains("<!doctype html>\n<html lang=en>\n<title>"),
            ],
            upstreamReasons: [],
            source: [
                "pallets/werkzeug src/werkzeug/exceptions.py (HTTPException.get_body: \"<!doctype html>\\n<html lang=en>\\n<title>CODE NAME</title>\\n<h1>NAME</h1>\\n<p>DESCRIPTION</p>\\n\"; NotFound \"The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.\"; InternalServerError \"The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.\")",
                "pallets/werkzeug src/werkzeug/serving.py (development server version \"Werkzeug/VERSION\", sent with the Python version by BaseHTTPRequestHandler)",
            ],
            file: "Playbooks/hops/werkzeug.yaml"
        )
    }

    private static var `hop_spring_boot`: HopSignature {
        HopSignature(
            name: "spring-boot",
            title: "Spring Boot (default /error handling)",
            role: "app-server",
            order: 79,
            signals: [
                .bodyContains("<h1>Whitelabel Error Page</h1>"),
                .bodyMatches("^\\{\"timestamp\":(\"[^\"]+\"|[0-9]+),\"status\":[0-9]{3},\"error\":\"[^\"]*\""),
            ],
            generatedSignals: [
                .bodyContains("<h1>Whitelabel Error Page</h1>"),
                .bodyMatches("^\\{\"timestamp\":(\"[^\"]+\"|[0-9]+),\"status\":[0-9]{3},\"error\":\"[^\"]*\""),
            ],
            upstreamReasons: [],
            source: [
                "spring-projects/spring-boot spring-boot-project/spring-boot-autoconfigure/src/main/java/org/springframework/boot/autoconfigure/web/servlet/error/ErrorMvcAutoConfiguration.java (StaticView: \"<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id='created'>...\")",
                "spring-projects/spring-boot DefaultErrorAttributes (JSON error body {\"timestamp\":...,\"status\":N,\"error\":\"...\",\"path\":\"...\"} for non-HTML clients)",
            ],
            file: "Playbooks/hops/spring-boot.yaml"
        )
    }

    private static var `hop_s3`: HopSignature {
        HopSignature(
            name: "s3",
            title: "Amazon S3 (and the S3 XML error format of S3-compatible stores)",
            role: "storage",
            order: 80,
            signals: [
                .header("Server", "^AmazonS3$"),
                .header("x-amz-id-2", ""),
                .header("x-amz-request-id", ""),
                .cname("\\.s3[.-]([a-z0-9-]+\\.)?amazonaws\\.com\\.?$"),
                .cname("s3-website"),
                .bodyMatches("<Error>\\s*<Code>(NoSuchKey|NoSuchBucket|AccessDenied|AllAccessDisabled|SignatureDoesNotMatch|InvalidAccessKeyId|RequestTimeTooSkewed|PermanentRedirect|TemporaryRedirect|AuthorizationHeaderMalformed|ExpiredToken|InvalidToken|TokenRefreshRequired|NoSuchUpload|NoSuchVersion|NoSuchBucketPolicy|NoSuchWebsiteConfiguration|BucketAlreadyExists|BucketAlreadyOwnedByYou|InvalidBucketName|MissingSecurityHeader|EntityTooLarge|SlowDown|XAmzContentSHA256Mismatch)</Code>"),
            ],
            generatedSignals: [
                .header("Server", "^AmazonS3$"),
                .bodyContains("<Error><Code>"),
                .bodyMatches("<Error>\\s*<Code>(NoSuchKey|NoSuchBucket|AccessDenied|AllAccessDisabled|SignatureDoesNotMatch|InvalidAccessKeyId|RequestTimeTooSkewed|PermanentRedirect|TemporaryRedirect|AuthorizationHeaderMalformed|ExpiredToken|InvalidToken|TokenRefreshRequired|NoSuchUpload|NoSuchVersion|NoSuchBucketPolicy|NoSuchWebsiteConfiguration|BucketAlreadyExists|BucketAlreadyOwnedByYou|InvalidBucketName|MissingSecurityHeader|EntityTooLarge|SlowDown|XAmzContentSHA256Mismatch)</Code>"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (REST error: <Error><Code>..</Code><Message>..</Message>..<RequestId>, x-amz-request-id, x-amz-id-2)",
                "awsdocs/amazon-s3-developer-guide doc_source/UsingRESTError.md",
                "shared/corpus/01,15,17,20",
                "minio/minio cmd/api-errors.go (APIErrorResponse: the same <Error><Code> document) and ceph/ceph src/rgw/rgw_rest.cc (x-amz-request-id) for S3-compatible stores",
            ],
            file: "Playbooks/hops/s3.yaml"
        )
    }

    private static var `hop_ceph_rgw`: HopSignature {
        HopSignature(
            name: "ceph-rgw",
            title: "Ceph Object Gateway (RADOS Gateway, S3-compatible)",
            role: "storage",
            order: 81,
            signals: [
                .header("Server", "^Ceph Object Gateway"),
                .header("x-amz-request-id", "^tx[0-9a-f]{21}-[0-9a-f]{10}"),
                .bodyMatches("<RequestId>tx[0-9a-f]{21}-[0-9a-f]{10}"),
            ],
            generatedSignals: [
                .header("Server", "^Ceph Object Gateway"),
                .bodyMatches("<RequestId>tx[0-9a-f]{21}-[0-9a-f]{10}"),
            ],
            upstreamReasons: [],
            source: [
                "ceph/ceph src/rgw/rgw_rest.cc (end_header: Server \"Ceph Object Gateway (\" CEPH_RELEASE_NAME \")\" unless rgw_service_provider_name is set; dump_trans_id: x-amz-request-id)",
                "ceph/ceph src/rgw/services/svc_zone_utils.cc (unique_trans_id: \"tx%021llx-%010llx\" + zone suffix)",
                "https://github.com/s3gw-tech/s3gw/issues/689 (captured header 'server': 'Ceph Object Gateway (reef)')",
                "https://github.com/ceph/ceph/pull/5866 (RequestId in the Error body)",
            ],
            file: "Playbooks/hops/ceph-rgw.yaml"
        )
    }

    private static var `hop_minio`: HopSignature {
        HopSignature(
            name: "minio",
            title: "MinIO (S3-compatible object store)",
            role: "storage",
            order: 81,
            signals: [
                .header("Server", "^MinIO(/|$)"),
                .header("x-minio-error-code", ""),
            ],
            generatedSignals: [
                .header("Server", "^MinIO(/|$)"),
                .header("x-minio-error-code", ""),
            ],
            upstreamReasons: [],
            source: [
                "minio/minio cmd/api-headers.go (setCommonHeaders: Server set to MinioStoreName \"MinIO\", cmd/build-constants.go)",
                "minio/minio cmd/api-response.go (writeErrorResponseHeadersOnly: x-minio-error-code, x-minio-error-desc on bodiless errors; writeErrorResponse: S3 <Error> XML)",
                "minio/minio cmd/api-errors.go (APIErrorResponse: Code, Message, Key, BucketName, Resource, Region, RequestId, HostId)",
                "https://github.com/singularityhub/sregistry/pull/297 (older releases: Server: MinIO/RELEASE.2020-04-04T05-39-31Z)",
            ],
            file: "Playbooks/hops/minio.yaml"
        )
    }

    private static var `hop_gcs`: HopSignature {
        HopSignature(
            name: "gcs",
            title: "Google Cloud Storage",
            role: "storage",
            order: 82,
            signals: [
                .header("X-GUploader-UploadID", ""),
                .header("x-goog-generation", ""),
                .header("x-goog-stored-content-length", ""),
                .header("x-goog-storage-class", ""),
                .bodyContains("<Details>No such object: "),
                .cname("^(c\\.)?storage\\.googleapis\\.com\\.?$"),
            ],
            generatedSignals: [
                .bodyMatches("^<\\?xml version='1\\.0' encoding='UTF-8'\\?><Error><Code>"),
                .bodyContains("<Details>No such object: "),
            ],
            upstreamReasons: [],
            source: [
                "https://cloud.google.com/storage/docs/xml-api/reference-status (XML error document <Error><Code>..</Code><Message>..</Message>)",
                "https://cloud.google.com/storage/docs/xml-api/reference-headers (x-goog-generation, x-goog-metageneration, x-goog-stored-content-length, x-goog-hash, x-goog-storage-class)",
                "https://cloud.google.com/storage/docs/json_api/v1/parameters (X-GUploader-UploadID response header)",
                "https://github.com/okfn/ckanext-datahub/issues/50 and public captures of storage.googleapis.com 404s (\"<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>...<Details>No such object: BUCKET/OBJECT</Details></Error>\", Server: UploadServer)",
            ],
            file: "Playbooks/hops/gcs.yaml"
        )
    }

    private static var `hop_docker_registry`: HopSignature {
        HopSignature(
            name: "docker-registry",
            title: "Docker / OCI container registry (CNCF Distribution and registries implementing its HTTP API v2)",
            role: "storage",
            order: 83,
            signals: [
                .header("Docker-Distribution-API-Version", "^registry/2\\.0"),
                .bodyMatches("\\{\"errors\":\\s*\\[\\s*\\{\"code\":\\s*\"(UNAUTHORIZED|DENIED|UNAVAILABLE|TOOMANYREQUESTS|NAME_UNKNOWN|MANIFEST_UNKNOWN|MANIFEST_INVALID|MANIFEST_UNVERIFIED|MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN|BLOB_UPLOAD_UNKNOWN|BLOB_UPLOAD_INVALID|NAME_INVALID|TAG_INVALID|DIGEST_INVALID|SIZE_INVALID|RANGE_INVALID|PAGINATION_NUMBER_INVALID|UNSUPPORTED|UNKNOWN)\""),
            ],
            generatedSignals: [
                .bodyMatches("\\{\"errors\":\\s*\\[\\s*\\{\"code\":\\s*\"(UNAUTHORIZED|DENIED|UNAVAILABLE|TOOMANYREQUESTS|NAME_UNKNOWN|MANIFEST_UNKNOWN|MANIFEST_INVALID|MANIFEST_UNVERIFIED|MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN|BLOB_UPLOAD_UNKNOWN|BLOB_UPLOAD_INVALID|NAME_INVALID|TAG_INVALID|DIGEST_INVALID|SIZE_INVALID|RANGE_INVALID|PAGINATION_NUMBER_INVALID|UNSUPPORTED|UNKNOWN)\""),
            ],
            upstreamReasons: [],
            source: [
                "distribution/distribution registry/handlers/app.go (every /v2/ response: w.Header().Add(\"Docker-Distribution-API-Version\", \"registry/2.0\"))",
                "distribution/distribution registry/api/errcode/handler.go (ServeJSON: Content-Type application/json, body {\"errors\":[{\"code\":...,\"message\":...,\"detail\":...}]})",
                "distribution/distribution registry/api/errcode/register.go (codes UNAUTHORIZED \"authentication required\", DENIED \"requested access to the resource is denied\", UNAVAILABLE, TOOMANYREQUESTS, NAME_UNKNOWN, MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_INVALID, TAG_INVALID, MANIFEST_INVALID, DIGEST_INVALID, UNSUPPORTED, UNKNOWN)",
                "distribution/distribution docs/content/spec/auth/token.md (captured 401: Docker-Distribution-Api-Version: registry/2.0, Www-Authenticate: Bearer realm=..., {\"errors\":[{\"code\":\"UNAUTHORIZED\",...}]})",
                "distribution/distribution docs/content/about/deploying.md (\"the Docker-Distribution-API-Version header should be set to the value registry/2.0, even for a 4xx response\")",
            ],
            file: "Playbooks/hops/docker-registry.yaml"
        )
    }

    private static var `hop_cloudflare_access`: HopSignature {
        HopSignature(
            name: "cloudflare-access",
            title: "Cloudflare Access (Zero Trust application gate at the Cloudflare edge)",
            role: "identity",
            order: 84,
            signals: [
                .header("Location", "\\.cloudflareaccess\\.com/cdn-cgi/access/login"),
                .header("Location", "/cdn-cgi/access/login(/|\\?)"),
                .header("Set-Cookie", "^(CF_AppSession|CF_Authorization)="),
                .header("CF-Access-Domain", ""),
            ],
            generatedSignals: [
                .header("Location", "\\.cloudflareaccess\\.com/cdn-cgi/access/login"),
            ],
            upstreamReasons: [],
            source: [
                "cloudflare/cloudflared token/token.go (tokenCookie = \"CF_Authorization\", appSessionCookie = \"CF_AppSession\", AccessLoginWorkerPath = \"/cdn-cgi/access/login\", AccessAuthorizedWorkerPath = \"/cdn-cgi/access/authorized\"; an Access-protected app redirects to the login path)",
                "https://github.com/cloudflare/cloudflared/pull/1646 (the login response on /cdn-cgi/access/login carries the CF-Access-Domain header and the app AUD in the ?kid= query parameter)",
                "https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/ (the global session token is a cookie at the team domain https://<your-team-name>.cloudflareaccess.com; the application token is a cookie on the protected domain)",
                "https://uptrace.dev/get/auth-cloudflare.html (\"If the user is not logged in to Cloudflare Access, Cloudflare will redirect the browser to mydomain.cloudflareaccess.com\")",
            ],
            file: "Playbooks/hops/cloudflare-access.yaml"
        )
    }

    private static var `hop_elasticsearch`: HopSignature {
        HopSignature(
            name: "elasticsearch",
            title: "Elasticsearch / OpenSearch REST API",
            role: "storage",
            order: 84,
            signals: [
                .header("X-elastic-product", "^Elasticsearch$"),
                .header("WWW-Authenticate", "realm=\"OpenSearch Security\""),
                .bodyMatches("\"error\":\\s*\\{\\s*\"root_cause\":\\s*\\[\\s*\\{\\s*\"type\":\\s*\"[a-z_]+_exception\""),
            ],
            generatedSignals: [
                .bodyMatches("\"error\":\\s*\\{\\s*\"root_cause\":\\s*\\[\\s*\\{\\s*\"type\":\\s*\"[a-z_]+_exception\""),
                .header("WWW-Authenticate", "realm=\"OpenSearch Security\""),
            ],
            upstreamReasons: [],
            source: [
                "elastic/elasticsearch server/src/main/java/org/elasticsearch/rest/RestController.java (ELASTIC_PRODUCT_HTTP_HEADER = \"X-elastic-product\", ELASTIC_PRODUCT_HTTP_HEADER_VALUE = \"Elasticsearch\", added to every REST response since 7.14)",
                "elastic/elasticsearch server/src/main/java/org/elasticsearch/rest/RestResponse.java and ElasticsearchException.java (error body {\"error\":{\"root_cause\":[{\"type\":\"..._exception\",\"reason\":...}],\"type\":...,\"reason\":...},\"status\":N}; OpenSearch keeps the same format)",
                "https://github.com/NLPchina/elasticsearch-sql/issues/441 and https://github.com/babenkoivan/elastic-scout-driver-plus/issues/143 (captured 401 bodies: {\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"missing authentication credentials for REST request [/users]\",...}],...},\"status\":401})",
                "opensearch-project/security src/main/java/org/opensearch/security/http/HTTPBasicAuthenticator.java (401 \"Unauthorized\" with WWW-Authenticate: Basic realm=\"OpenSearch Security\")",
            ],
            file: "Playbooks/hops/elasticsearch.yaml"
        )
    }

    private static var `hop_lambda`: HopSignature {
        HopSignature(
            name: "lambda",
            title: "AWS Lambda (function behind API Gateway, a function URL or the Invoke API)",
            role: "serverless",
            order: 85,
            signals: [
                .header("X-Amz-Function-Error", ""),
                .header("x-amzn-Remapped-Content-Length", ""),
            ],
            generatedSignals: [
                .header("X-Amz-Function-Error", ""),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html (X-Amz-Function-Error response header)",
            ],
            file: "Playbooks/hops/lambda.yaml"
        )
    }

    private static var `hop_deno_deploy`: HopSignature {
        HopSignature(
            name: "deno-deploy",
            title: "Deno Deploy (serverless JavaScript/TypeScript edge runtime)",
            role: "serverless",
            order: 86,
            signals: [
                .header("Server", "^deno/[a-z]+-[a-z0-9-]+$"),
                .header("Via", "edgeproxy-h"),
                .cname("\\.deno\\.dev\\.?$"),
            ],
            generatedSignals: [],
            upstreamReasons: [],
            source: [
                "https://deno.com/deploy/docs/regions (the region that served a request is named in the Server header, e.g. server: deno/gcp-asia-northeast3)",
                "public curl captures of *.deno.dev apps (e.g. \"via: http/1.1 edgeproxy-h\", \"server: deno/gcp-asia-northeast1\"; a removed deployment: HTTP 404 with \"server: deno/gcp-us-west4\")",
            ],
            file: "Playbooks/hops/deno-deploy.yaml"
        )
    }

    private static var `hop_vault`: HopSignature {
        HopSignature(
            name: "vault",
            title: "HashiCorp Vault (and OpenBao) HTTP API",
            role: "identity",
            order: 86,
            signals: [
                .bodyMatches("\\{\\s*\"errors\":\\s*\\[\\s*\"(\\d+ errors? occurred:[^\"]*)?(\\\\n|\\\\t|\\*|\\s)*(Vault is sealed|Vault is in standby mode|permission denied|no active Vault instance found|node not active but active node not found|API access to this namespace has been locked by an administrator|overloaded, try again later|rate limit quota exceeded|lease count quota exceeded|upstream rate limited)"),
            ],
            generatedSignals: [
                .bodyMatches("\\{\\s*\"errors\":\\s*\\[\\s*\"(\\d+ errors? occurred:[^\"]*)?(\\\\n|\\\\t|\\*|\\s)*(Vault is sealed|Vault is in standby mode|permission denied|no active Vault instance found|node not active but active node not found|API access to this namespace has been locked by an administrator|overloaded, try again later|rate limit quota exceeded|lease count quota exceeded|upstream rate limited)"),
            ],
            upstreamReasons: [],
            source: [
                "hashicorp/vault http/handler.go (respondError: Content-Type application/json, body {\"errors\":[err.Error()]}; wrapGenericHandler sets Cache-Control: no-store on every response; respondStandby: \"no active Vault instance found\"; handleRequestForwarding: \"node not active but active node not found\")",
                "hashicorp/vault sdk/helper/consts/error.go (ErrSealed \"Vault is sealed\", ErrStandby \"Vault is in standby mode\", ErrAPILocked \"API access to this namespace has been locked by an administrator\", ErrOverloaded \"overloaded, try again later\")",
                "hashicorp/vault sdk/logical/error.go (ErrPermissionDenied \"permission denied\", ErrRateLimitQuotaExceeded \"rate limit quota exceeded\", ErrUpstreamRateLimited \"upstream rate limited\")",
                "hashicorp/go-multierror format.go (ListFormatFunc: \"1 error occurred:\\n\\t* %s\\n\\n\", the form Vault's wrapped errors take inside \"errors\")",
                "https://github.com/hashicorp/vault/issues/2129 (captured 503 with body {\"errors\": [\"Vault is sealed\"]})",
            ],
            file: "Playbooks/hops/vault.yaml"
        )
    }

    private static var `hop_keycloak`: HopSignature {
        HopSignature(
            name: "keycloak",
            title: "Keycloak (identity provider)",
            role: "identity",
            order: 87,
            signals: [
                .header("Set-Cookie", "^(KC_RESTART|AUTH_SESSION_ID|KEYCLOAK_IDENTITY|KEYCLOAK_SESSION)="),
                .bodyContains("id=\"kc-header-wrapper\""),
                .bodyContains("id=\"kc-error-message\""),
                .bodyMatches("\\{\"error\":\\s*\"Realm does not exist\""),
            ],
            generatedSignals: [
                .bodyContains("id=\"kc-error-message\""),
                .bodyContains("id=\"kc-header-wrapper\""),
                .bodyMatches("\\{\"error\":\\s*\"Realm does not exist\""),
            ],
            upstreamReasons: [],
            source: [
                "keycloak/keycloak themes/src/main/resources/theme/base/login/template.ftl (every login-theme page: <div id=\"kc-header-wrapper\" ...>, <h1 id=\"kc-page-title\">)",
                "keycloak/keycloak themes/src/main/resources/theme/base/login/error.ftl (the error page: <div id=\"kc-error-message\" ...><p class=\"instruction\">${message.summary}</p>, e.g. \"We are sorry...\" / \"Invalid parameter: redirect_uri\")",
                "keycloak/keycloak services/src/main/java/org/keycloak/services/resources/RealmsResource.java (init: throw new NotFoundException(\"Realm does not exist\") for an unknown realm, answered as {\"error\":\"Realm does not exist\"})",
                "keycloak/keycloak RestartLoginCookie.java (public static final String KC_RESTART = \"KC_RESTART\") and the testsuite cookie test (KEYCLOAK_COOKIE_NAMES = Arrays.asList(\"KC_RESTART\", \"AUTH_SESSION_ID\", \"KEYCLOAK_IDENTITY\", \"KEYCLOAK_SESSION\"))",
                "https://github.com/keycloak/keycloak/issues/10528 and https://github.com/keycloak/keycloak-community/issues/185 (the \"We are sorry... Invalid parameter: redirect_uri\" error page)",
            ],
            file: "Playbooks/hops/keycloak.yaml"
        )
    }

    private static var `hop_cognito`: HopSignature {
        HopSignature(
            name: "cognito",
            title: "Amazon Cognito user pools",
            role: "identity",
            order: 88,
            signals: [
                .header("x-amzn-ErrorType", "NotAuthorizedException|UserNotConfirmedException|PasswordResetRequiredException|UserNotFoundException"),
                .cname("cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com\\.?$"),
            ],
            generatedSignals: [
                .header("x-amzn-ErrorType", "NotAuthorizedException|UserNotConfirmedException"),
            ],
            upstreamReasons: [],
            source: [
                "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html (errors NotAuthorizedException, UserNotConfirmedException, PasswordResetRequiredException, UserNotFoundException)",
            ],
            file: "Playbooks/hops/cognito.yaml"
        )
    }
}
