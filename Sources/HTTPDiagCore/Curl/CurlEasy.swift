import CHTTPDiag

/// Owns one libcurl easy handle and the C memory its options point to. Every setopt
/// goes through `set`, which throws instead of trapping: a diagnostic tool reports.
final class CurlEasy {
    private static let globalInit: CURLcode = hd_global_init()
    static func ensureGlobalInit() -> CURLcode { globalInit }

    let handle: UnsafeMutableRawPointer
    /// When the transfer was started (the loop sets it as it adds the handle): the origin
    /// of our own marks, as libcurl's timers count from the same moment.
    var startedNs: Int64 = 0
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var mime: OpaquePointer?
    /// This transfer's own DNS cache (see `isolateDNSCache`).
    private var share: UnsafeMutableRawPointer?

    init() throws {
        guard Self.globalInit == CURLE_OK, let h = curl_easy_init() else {
            throw HTTPDiagCoreError.libcurl("curl_easy_init", code: Int(Self.globalInit.rawValue))
        }
        handle = h
    }

    deinit {
        curl_easy_cleanup(handle)
        if let share { hd_share_free(share) }  // after the easy handle that used it
        for list in lists { curl_slist_free_all(list) }
        if let mime { curl_mime_free(mime) }
    }

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(hd_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws {
        // libcurl copies string options (since 7.17), so the temporary C string is fine.
        try check(value.withCString { hd_setopt_str(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, list values: [String]) throws {
        guard !values.isEmpty else { return }
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                throw HTTPDiagCoreError.libcurl("curl_slist_append", code: Int(CURLE_OUT_OF_MEMORY.rawValue))
            }
            list = appended
        }
        lists.append(list!)
        try check(hd_setopt_slist(handle, option, list), option)
    }

    func setPostBody(_ body: [UInt8]) throws {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, body.count)
        // COPYPOSTFIELDS copies the bytes; the size set above is honoured.
        let rc = body.withUnsafeBufferPointer { buf in
            hd_setopt_ptr(
                handle,
                CURLOPT_COPYPOSTFIELDS,
                UnsafeMutableRawPointer(mutating: buf.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            )
        }
        try check(rc, CURLOPT_COPYPOSTFIELDS)
    }

    /// Builds a multipart body from -F fields (`name=value`, `name=@file;type=...`).
    func setMultipart(_ parts: [MultipartField]) throws {
        guard let m = curl_mime_init(handle) else {
            throw HTTPDiagCoreError.libcurl("curl_mime_init", code: Int(CURLE_OUT_OF_MEMORY.rawValue))
        }
        mime = m
        for field in parts {
            guard let part = curl_mime_addpart(m) else { continue }
            curl_mime_name(part, field.name)
            switch field.content {
            case .text(let text):
                // The length itself: CURL_ZERO_TERMINATED imports as a negative Int, and converting
                // it to UInt trapped (every `-F name=value` crashed the process).
                curl_mime_data(part, text, text.utf8.count)
            case .file(let path):
                let rc = curl_mime_filedata(part, path)
                if rc != CURLE_OK { throw HTTPDiagCoreError.libcurl("-F \(field.name)=@\(path)", code: Int(rc.rawValue)) }
            }
            if let type = field.contentType { curl_mime_type(part, type) }
            if let filename = field.filename { curl_mime_filename(part, filename) }
        }
        try check(hd_setopt_mime(handle, m), CURLOPT_MIMEPOST)
    }

    /// Gives the transfer a DNS cache of its own. In a multi handle, transfers share the
    /// multi's DNS cache, CURLOPT_RESOLVE entries included: two fanned-out probes pinning
    /// one host:port to different addresses would overwrite each other's pin, and a probe
    /// would find the name already resolved by another (no lookup time of its own).
    func isolateDNSCache() throws {
        guard let s = hd_share_dns() else {
            throw HTTPDiagCoreError.libcurl("curl_share_init", code: Int(CURLE_OUT_OF_MEMORY.rawValue))
        }
        share = s
        try check(hd_setopt_share(handle, s), CURLOPT_SHARE)
    }

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        return hd_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func offset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return hd_getinfo_off(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard hd_getinfo_str(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// CURLINFO_CERTINFO as one array of `key:value` lines per certificate.
    func certificateFields() -> [[String]] {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard hd_getinfo_certinfo(handle, &info) == CURLE_OK, let info else { return [] }
        var result: [[String]] = []
        for i in 0..<Int(info.pointee.num_of_certs) {
            var lines: [String] = []
            var node = info.pointee.certinfo[i]
            while let current = node {
                if let data = current.pointee.data { lines.append(String(cString: data)) }
                node = current.pointee.next
            }
            result.append(lines)
        }
        return result
    }

    private func check(_ rc: CURLcode, _ option: CURLoption) throws {
        if rc != CURLE_OK { throw HTTPDiagCoreError.libcurl("option \(option.rawValue)", code: Int(rc.rawValue)) }
    }
}

/// One `-F` field.
public struct MultipartField: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case text(String)
        case file(String)
    }
    public var name: String
    public var content: Content
    public var contentType: String?
    public var filename: String?

    public init(name: String, content: Content, contentType: String? = nil, filename: String? = nil) {
        self.name = name
        self.content = content
        self.contentType = contentType
        self.filename = filename
    }
}

extension HTTPDiagCoreError {
    /// libcurl's refusal of `option`, in libcurl's words (`curl_easy_strerror`).
    static func libcurl(_ option: String, code: Int) -> HTTPDiagCoreError {
        .libcurlRejected(option: option, reason: String(cString: curl_easy_strerror(CURLcode(rawValue: UInt32(code)))))
    }
}
