/// Reads libcurl's CERTINFO text (`Subject:...`, `Expire date:...`) into `CertificateInfo`.
enum CertificateParser {
    static func parse(_ fields: [String], now: Date) -> CertificateInfo {
        var values: [String: String] = [:]
        for line in fields {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            if values[key] == nil { values[key] = String(line[line.index(after: colon)...]) }
        }
        let subject = values["Subject"] ?? ""
        let issuer = values["Issuer"] ?? ""
        let notBefore = values["Start date"].flatMap(parseDate)
        let notAfter = values["Expire date"].flatMap(parseDate)
        let sans = (values["X509v3 Subject Alternative Name"] ?? "")
            .split(separator: ",")
            .map { String($0).trimmedSpaces() }
            .filter { !$0.isEmpty }
            .map { $0.hasPrefix("IP Address:") ? "IP:" + normalizeIP(String($0.dropFirst(11))) : $0 }
        return CertificateInfo(
            subject: subject,
            issuer: issuer,
            sans: sans,
            notBefore: notBefore,
            notAfter: notAfter,
            daysLeft: notAfter.map { (($0.timeIntervalSince(now) / 86_400) * 100).rounded() / 100 },
            serial: values["Serial Number"],
            signatureAlgorithm: values["Signature Algorithm"],
            publicKeyAlgorithm: values["Public Key Algorithm"],
            selfSigned: !subject.isEmpty && subject == issuer
        )
    }

    /// OpenSSL's ASN1_TIME_print form: `Jan  1 00:00:00 2020 GMT`.
    static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count >= 4 else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let monthIndex = months.firstIndex(of: String(parts[0])), let day = Int(parts[1]),
            let year = Int(parts[3])
        else { return nil }
        let hms = parts[2].split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// OpenSSL prints IPv6 SANs uncompressed (`0:0:0:0:0:0:0:1`): normalise through inet.
    static func normalizeIP(_ text: String) -> String {
        IPAddress.canonical(text) ?? text
    }

    /// RFC 6125 matching of a host against SANs: exact, or a `*.` wildcard for one label.
    static func hostMatches(_ host: String, sans: [String]) -> Bool {
        let h = host.lowercased()
        if IPAddress.isLiteral(host) {
            let canonical = IPAddress.canonical(host) ?? host
            return sans.contains { $0 == "IP:" + canonical }
        }
        for san in sans where san.hasPrefix("DNS:") {
            let name = san.dropFirst(4).lowercased()
            if name == h { return true }
            if name.hasPrefix("*."), let dot = h.firstIndex(of: "."), h[dot...] == name.dropFirst(1) { return true }
        }
        return false
    }
}
