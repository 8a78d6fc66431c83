import CHTTPDiag

/// OpenSSL's own texts for verify results and alerts.
enum VerifyReason {
    static func text(_ code: Int) -> String { String(cString: hd_x509_verify_reason(code)) }
    static func alert(_ code: Int) -> String { String(cString: hd_tls_alert_name(Int32(code))) }
}
