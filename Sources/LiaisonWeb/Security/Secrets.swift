import Crypto
import Foundation
import HummingbirdBcrypt
import LiaisonCore
import LiaisonStore
import NIOPosix

/// Random secrets and their hashes: the database keeps only SHA-256 digests of session ids and tokens.
enum Secrets {
    /// 32 random bytes (256 bits) as URL-safe base64, for session ids, tokens and CSRF tokens.
    static func random(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hex SHA-256 of a secret, as stored.
    static func hash(_ secret: String) -> String {
        // Hex by hand: String(format:) per byte cost more than the hash itself on every request.
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// True when `text` has the shape of `random()`'s output (43 URL-safe base64 characters).
    static func isRandomToken(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45
                    || byte == 95
            }
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Hashes passwords with bcrypt. Bcrypt reads only 72 bytes, so the password is first reduced to its
/// SHA-256 (base64, 44 bytes): every character of a long passphrase counts.
public struct PasswordHasher: Sendable {
    /// bcrypt's cost; 12 in production (about a quarter of a second here), lower only in tests.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(Self.prehash(password), cost: cost)
    }

    /// The stored hash when it is a bcrypt hash that a password can match; nil for an account without a
    /// password ("!"), which sign-in then checks against a hash nobody knows, taking the same time.
    static func usable(_ hash: String) -> String? {
        hash.hasPrefix("$2") && hash.utf8.count == 60 ? hash : nil
    }

    public func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(Self.prehash(password), hash: hash)
    }

    /// `hash` on NIO's thread pool: a quarter of a second of bcrypt must not hold up the threads that
    /// serve every other request.
    func hashInBackground(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { hash(password) }
    }

    /// `verify` on NIO's thread pool, for the same reason.
    func verifyInBackground(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { verify(password, hash: hash) }
    }

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}

/// Personal API tokens: "lsn_" and 256 random bits, stored only as a hash.
public enum APITokens {
    /// Creates a token for the account and returns its secret, which is shown once and never again.
    public static func issue(
        accountId: Int64, name: String, canWrite: Bool, store: any AccountStore, by actor: AuditActor
    ) async throws -> String {
        let secret = "lsn_" + Secrets.random()
        _ = try await store.createAPIToken(
            NewAPIToken(accountId: accountId, name: name, tokenHash: Secrets.hash(secret), canWrite: canWrite),
            by: actor)
        return secret
    }
}
