/// `ControlCharacters.neutralize` over every string of a probe's evidence: what the
/// server sent (status line, headers, body, Location, TLS certificate and ALPN, DNS
/// answers, follow-up results, libcurl's error text), and what the user sent beside it,
/// since both are printed together. Bodies and body previews keep their line structure;
/// everything else is one line. `Prober.check` applies it once to every probe before the
/// verdict reason is written and before playbooks quote the evidence, so nothing after
/// it ever sees a raw control character (ControlCharactersTests walks every field).
extension ProbeResult {
    public func neutralizingControlCharacters() -> ProbeResult {
        var p = self
        p.address = p.address.map(line)
        p.family = p.family.map(line)
        p.dns = p.dns.map { $0.neutralized() }
        p.tls = p.tls.map { $0.neutralized() }
        p.request = p.request.neutralized()
        p.response = p.response.map { $0.neutralized() }
        p.redirects = p.redirects.map { hop in
            var h = hop
            h.url = line(h.url)
            h.location = line(h.location)
            h.address = h.address.map(line)
            return h
        }
        if var e = p.error {
            e.message = line(e.message)
            e.phase = line(e.phase)
            p.error = e
        }
        p.followups = p.followups.map { f in
            var f = f
            f.target = line(f.target)
            f.outcome = line(f.outcome)
            f.finding = line(f.finding)
            f.summary = line(f.summary)
            return f
        }
        return p
    }
}

private func line(_ s: String) -> String { ControlCharacters.neutralize(s) }
private func text(_ s: String) -> String { ControlCharacters.neutralize(s, lineBreaks: .keep) }

extension HeaderField {
    func neutralized() -> HeaderField { HeaderField(name: line(name), value: line(value)) }
}

extension ResponseEvidence {
    func neutralized() -> ResponseEvidence {
        var r = self
        r.httpVersion = line(r.httpVersion)
        r.reason = line(r.reason)
        r.headers = r.headers.map { $0.neutralized() }
        r.contentType = r.contentType.map(line)
        r.contentEncoding = r.contentEncoding.map(line)
        r.body = text(r.body)
        r.remoteAddress = r.remoteAddress.map(line)
        return r
    }
}

extension RequestEvidence {
    func neutralized() -> RequestEvidence {
        var r = self
        r.method = line(r.method)
        r.url = line(r.url)
        r.headers = r.headers.map { $0.neutralized() }
        r.proxy = r.proxy.map(line)
        if var b = r.body {
            b.kind = line(b.kind)
            b.contentType = b.contentType.map(line)
            b.preview = b.preview.map(text)
            b.multipartBoundary = b.multipartBoundary.map(line)
            b.parts = b.parts?.map { part in
                var p = part
                p.name = line(p.name)
                p.filename = p.filename.map(line)
                p.contentType = p.contentType.map(line)
                return p
            }
            r.body = b
        }
        if var t = r.token {
            t.format = line(t.format)
            t.scheme = line(t.scheme)
            t.alg = t.alg.map(line)
            t.kid = t.kid.map(line)
            t.tokenUse = t.tokenUse.map(line)
            t.aud = t.aud?.map(line)
            t.clientId = t.clientId.map(line)
            t.iss = t.iss.map(line)
            t.scope = t.scope.map(line)
            r.token = t
        }
        return r
    }
}

extension TLSEvidence {
    func neutralized() -> TLSEvidence {
        var t = self
        t.version = t.version.map(line)
        t.cipher = t.cipher.map(line)
        t.alpn = t.alpn.map(line)
        t.verifyReason = t.verifyReason.map(line)
        t.alertReceived = t.alertReceived.map { TLSAlert(code: $0.code, name: line($0.name)) }
        t.alertSent = t.alertSent.map { TLSAlert(code: $0.code, name: line($0.name)) }
        t.chain = t.chain.map { cert in
            var c = cert
            c.subject = line(c.subject)
            c.issuer = line(c.issuer)
            c.sans = c.sans.map(line)
            c.serial = c.serial.map(line)
            c.signatureAlgorithm = c.signatureAlgorithm.map(line)
            c.publicKeyAlgorithm = c.publicKeyAlgorithm.map(line)
            return c
        }
        return t
    }
}

extension DNSEvidence {
    func neutralized() -> DNSEvidence {
        var d = self
        d.name = line(d.name)
        d.source = line(d.source)
        d.server = d.server.map(line)
        d.addresses = d.addresses.map(line)
        if var s = d.system {
            s.addresses = s.addresses.map(line)
            s.error = s.error.map(line)
            d.system = s
        }
        d.queries = d.queries.map { query in
            var q = query
            q.type = line(q.type)
            q.rcode = line(q.rcode)
            q.error = q.error.map(line)
            q.answers = q.answers.map { DNSRecord(name: line($0.name), type: line($0.type), ttl: $0.ttl, data: line($0.data)) }
            return q
        }
        d.cnameChain = d.cnameChain.map { CNAMELink(name: line($0.name), target: line($0.target), ttl: $0.ttl) }
        return d
    }
}
