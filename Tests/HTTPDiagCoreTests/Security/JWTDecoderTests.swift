import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

@Suite("JWT claims as evidence")
struct JWTDecoderTests {
    static func jwt(_ claims: String) -> String {
        func seg(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        return seg(#"{"alg":"RS256","kid":"k1"}"#) + "." + seg(claims) + ".c2lnbmF0dXJl"
    }

    @Test func cognitoIDToken() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let token = Self.jwt(
            #"{"token_use":"id","aud":"client123","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X","exp":1700003600}"#
        )
        let e = JWTDecoder.evidence(authorization: "Bearer \(token)", now: now)
        #expect(e.format == "jwt")
        #expect(e.scheme == "Bearer")
        #expect(e.tokenUse == "id")
        #expect(e.aud == ["client123"])
        #expect(e.expired == false)
        #expect(e.expiresInSeconds == 3600)
        #expect(e.alg == "RS256")
    }

    @Test func cognitoAccessTokenExpired() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let token = Self.jwt(#"{"token_use":"access","client_id":"abc","scope":"orders/read","exp":1699990000}"#)
        let e = JWTDecoder.evidence(authorization: "Bearer \(token)", now: now)
        #expect(e.tokenUse == "access")
        #expect(e.clientId == "abc")
        #expect(e.scope == "orders/read")
        #expect(e.expired == true)
    }

    @Test(arguments: ["Bearer opaque-token", "Bearer a.b.c", "Bearer !!.??.xx", "", "Bearer ...."])
    func notAJWTIsOpaque(value: String) {
        #expect(JWTDecoder.evidence(authorization: value).format == "opaque")
    }

    @Test func audienceArray() {
        let e = JWTDecoder.evidence(authorization: Self.jwt(#"{"aud":["a","b"]}"#))
        #expect(e.aud == ["a", "b"])
        #expect(e.scheme == "")
    }
}

@Suite("JWT claims that cannot be dates")
struct JWTDateRangeTests {
    /// Found by fuzzing: exp = 1e300 made the JSON output fail to encode.
    @Test(arguments: [1e300, -1e300, 9e18, 253_402_300_800])
    func outOfRangeExpIsLeftOut(exp: Double) throws {
        let e = JWTDecoder.evidence(authorization: "Bearer " + JWTDecoderTests.jwt("{\"exp\": \(exp), \"iat\": \(exp)}"))
        #expect(e.format == "jwt")
        #expect(e.exp == nil && e.iat == nil && e.expired == nil)
        _ = try JSONReport.encoder().encode(e)
    }
}
