import CHTTPDiag

/// OpenSSL's own texts for verify results (alerts are named by `TLSAlert.name`).
enum VerifyReason {
    static func text(_ code: Int) -> String { String(cString: hd_x509_verify_reason(code)) }
}
