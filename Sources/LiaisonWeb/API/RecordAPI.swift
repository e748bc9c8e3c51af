import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// A record kind as the JSON API reads its bodies: the fields a body may hold and the read-only ones a client
/// may send back as it read them.
protocol APIRecord: StoredRecord, Encodable where Input: Decodable {
    /// Every field a body may name, the read-only ones included; any other is refused.
    static var bodyFields: KnownFields { get }
    /// The read-only fields checked for their type, in this order, before the input is read; then ignored.
    static var echoedFields: [EchoedField] { get }
    /// How the version of an update is read.
    static var versionField: VersionField { get }
    /// Checks of the body made after its input was read; none by default.
    static func checkBody(_ body: KeyedDecodingContainer<FieldName>) throws
}

extension APIRecord {
    static var versionField: VersionField { .checkedByRule }
    static func checkBody(_ body: KeyedDecodingContainer<FieldName>) throws {}
}

/// How a kind reads the `version` of a body. Both are kept so that every kind answers as it always has.
enum VersionField: Sendable {
    /// Read from any body as a whole number when present; an update without one breaks the rule "required" (422).
    case checkedByRule
    /// Read from an update only, which cannot be decoded without it (400); a creation ignores it.
    case requiredByUpdate
}

/// A read-only field a body may echo back: ignored, but it must have its type.
struct EchoedField: Sendable {
    enum Shape: Sendable { case id, text, list }

    let name: String
    let shape: Shape
    /// Whether `null` stands for the field left out.
    let nullable: Bool

    static func id(_ name: String, nullable: Bool = true) -> EchoedField {
        .init(name: name, shape: .id, nullable: nullable)
    }
    static func text(_ name: String, nullable: Bool = true) -> EchoedField {
        .init(name: name, shape: .text, nullable: nullable)
    }
    static func list(_ name: String, nullable: Bool = true) -> EchoedField {
        .init(name: name, shape: .list, nullable: nullable)
    }

    /// The many text fields a kind echoes, alike.
    static func texts(_ names: String..., nullable: Bool = true) -> [EchoedField] {
        names.map { .text($0, nullable: nullable) }
    }

    func check(in body: KeyedDecodingContainer<FieldName>) throws {
        let key = FieldName(name)
        guard body.contains(key) else { return }
        if nullable, try body.decodeNil(forKey: key) { return }
        switch shape {
        case .id: _ = try body.decode(Int64.self, forKey: key)
        case .text: _ = try body.decode(String.self, forKey: key)
        case .list: _ = try body.decode([Ignored].self, forKey: key)
        }
    }

    /// A list entry read back: whatever it holds.
    private struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

/// A body field named at run time.
struct FieldName: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// A record as a client sends it to create it (`ForCreation`) or to change it (`ForUpdate`): its input, and the
/// version it was read at.
struct RecordBody<Record: APIRecord, Purpose: BodyPurpose>: Decodable, Sendable {
    let input: Record.Input
    private let version: Int?

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: FieldName.self)
        let key = FieldName("version")
        switch Record.versionField {
        case .checkedByRule: version = try body.decodeIfPresent(Int.self, forKey: key)
        case .requiredByUpdate: version = Purpose.isUpdate ? try body.decode(Int.self, forKey: key) : nil
        }
        for field in Record.echoedFields { try field.check(in: body) }
        input = try Record.Input(from: decoder)
        try Record.checkBody(body)
    }

    /// The version the client read; throws `ValidationError` when the body has none.
    func expectedVersion() throws -> Int {
        guard let version else {
            throw ValidationError(field: "version", rule: "required", message: "version is required.")
        }
        return version
    }

    /// The body of the request, checked against the kind's fields (see `JSONBody.decode`).
    static func read(_ request: Request, context: AppRequestContext) async throws -> Self {
        try await JSONBody.decode(Self.self, from: request, context: context, fields: Record.bodyFields)
    }
}

/// Whether a body creates a record or changes one.
protocol BodyPurpose: Sendable { static var isUpdate: Bool { get } }
enum ForCreation: BodyPurpose { static let isUpdate = false }
enum ForUpdate: BodyPurpose { static let isUpdate = true }

/// The JSON routes of one record kind at `path` ("/api/v1/working-groups"): its list (when given), POST to
/// create it (201 with its Location), GET, PUT (at the version read; 409 when stale) and DELETE (`?version=`)
/// of `path/:id`. Viewers read, editors write. A kind whose creation or update goes its own way leaves that
/// operation out and registers its own.
struct RecordAPI<Record: APIRecord>: Sendable {
    typealias Create = @Sendable (RecordBody<Record, ForCreation>, AppRequestContext) async throws -> Record
    /// The record at `id` changed to the body's input; the closure checks the body's version where the kind
    /// needs it checked.
    typealias Update = @Sendable (Int64, RecordBody<Record, ForUpdate>, AppRequestContext) async throws -> Record

    let path: String
    let store: any LiaisonStore
    var list: RouteRegistry.Handler?
    var create: Create?
    var update: Update?
    /// False when the kind answers DELETE itself.
    var deletes = true

    func register(on routes: RouteRegistry) {
        if let list { routes.add(.get, path, access: .viewer, use: list) }
        if let create {
            routes.add(.post, path, access: .editor) { request, context in
                let record = try await create(try await .read(request, context: context), context)
                return try JSONBody.response(record, status: .created, headers: [.location: "\(path)/\(record.id)"])
            }
        }
        routes.add(.get, path + "/:id", access: .viewer, use: get)
        if let update {
            routes.add(.put, path + "/:id", access: .editor) { request, context in
                let id = try context.recordID()
                return try JSONBody.response(try await update(id, try await .read(request, context: context), context))
            }
        }
        if deletes { routes.add(.delete, path + "/:id", access: .editor, use: delete) }
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await context.record(Record.self, in: store))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let version = try QueryReader.version(of: request)
        try await store.deleteRecord(Record.self, id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }
}

extension RecordAPI {
    /// The routes of a kind whose writes need nothing of the request but the input, the version read (which an
    /// update must have) and who writes: the store's own `createX` and `updateX`.
    init(
        path: String, store: any LiaisonStore, list: RouteRegistry.Handler?,
        creating: @escaping @Sendable (Record.Input, AuditActor) async throws -> Record,
        updating:
            @escaping @Sendable (_ id: Int64, _ expectedVersion: Int, Record.Input, AuditActor) async throws
            -> Record
    ) {
        self.init(
            path: path, store: store, list: list,
            create: { body, context in try await creating(body.input, context.actor) },
            update: { id, body, context in try await updating(id, try body.expectedVersion(), body.input, context.actor)
            })
    }
}

extension QueryReader {
    /// The `version` a deletion names in its query, if any; a value that is not one is refused (400).
    static func version(of request: Request) throws -> Int? {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        return version
    }
}

extension AppRequestContext {
    /// The record of this kind named by the request's path, or a 404 naming its kind.
    func record<Record: StoredRecord>(_ kind: Record.Type, in store: any LiaisonStore) async throws -> Record {
        let id = try recordID()
        guard let record = try await store.records(kind, ids: [id]).first else {
            throw StoreError.notFound(entity: Record.kind, id: id)
        }
        return record
    }
}

/// One stretch of a longer list, answered as `{"items": [...], "limit": n, "offset": n}`.
struct OffsetList<Item: Encodable>: Encodable {
    var items: [Item]
    var limit: Int
    var offset: Int
}

/// A list answered as `{"items": [...]}`.
struct ItemList<Item: Encodable>: Encodable {
    var items: [Item]
}
