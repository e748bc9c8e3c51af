import Hummingbird

/// The context every request carries through Liaison's middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are forms and JSON records: a megabyte is generous, and anything larger is refused with 413.
    public var maxUploadSize: Int { 1_048_576 }
}
