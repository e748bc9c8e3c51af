import Foundation

/// What the store keeps about every record beside the fields people set: its id, its version (incremented by
/// every update; an update naming an older one is refused) and when it was created and last changed.
public struct RecordStamp: Sendable, Hashable, Codable {
    public var id: Int64
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The extras of a record kind that has none: it writes and reads nothing.
public struct NoExtras: Sendable, Hashable, Codable {
    public init() {}
    public init(from decoder: any Decoder) {}
    public func encode(to encoder: any Encoder) {}
}

/// A record whose JSON is one flat object: the fields people set (`input`), what the store fills in on reading
/// (`extras`: the names of what it refers to, instants worked out from its fields) and its stamp, side by
/// side. A kind states its input and its extras; the coding, and the stamp's members, are written once here.
///
/// The extras are written for readers of the JSON; a body sent to the API is read as an input, so they are
/// never taken from a client.
public protocol FlatRecord: Codable, Identifiable where ID == Int64 {
    associatedtype Input: Codable
    associatedtype Extras: Codable

    var stamp: RecordStamp { get set }
    var input: Input { get set }
    var extras: Extras { get }

    init(stamp: RecordStamp, input: Input, extras: Extras)
}

extension FlatRecord {
    @inlinable public var id: Int64 { stamp.id }
    /// Incremented by every update; an update naming an older version is refused.
    @inlinable public var version: Int { stamp.version }
    @inlinable public var createdAt: Date { stamp.createdAt }
    @inlinable public var updatedAt: Date { stamp.updatedAt }

    /// One flat JSON object: the fields, the extras and the stamp's keys in one container.
    public func encode(to encoder: any Encoder) throws {
        try input.encode(to: encoder)
        try extras.encode(to: encoder)
        try stamp.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        self.init(
            stamp: try RecordStamp(from: decoder), input: try Input(from: decoder), extras: try Extras(from: decoder))
    }
}

extension FlatRecord where Extras == NoExtras {
    public var extras: NoExtras { NoExtras() }

    public init(stamp: RecordStamp, input: Input) {
        self.init(stamp: stamp, input: input, extras: NoExtras())
    }

    public init(id: Int64, input: Input, version: Int, createdAt: Date, updatedAt: Date) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input)
    }
}
