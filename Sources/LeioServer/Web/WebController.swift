import Foundation
public import Hummingbird
import LeioCore
import LeioReport

/// The web pages: staging calculator, care summary, and the education pages.
public struct WebController<Context: RequestContext>: Sendable {
  public init() {}

  public func addRoutes(to router: Router<Context>) {
    router.get("/") { _, _ in CalculatorPage.render(form: FormBody(""), report: nil, error: nil) }
    router.post("/") { request, context in
      let form = try await Self.form(request, context)
      do {
        let report = try Staging.stage(try CaseForm.caseInput(form))
        return CalculatorPage.render(form: form, report: report, error: nil)
      } catch let error as StagingError {
        var response = CalculatorPage.render(form: form, report: nil, error: error)
        response.status = .unprocessableContent
        return response
      }
    }
    router.post("summary") { request, context in
      let form = try await Self.form(request, context)
      let summary = try CareSummary(facts: try CaseFacts(try CaseForm.caseInput(form)), today: CalendarDate.today())
      return Response(
        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: CareSummaryHTML.render(summary))))
    }
    router.get("grade") { _, _ in ToolPages.grade(nil) }
    router.post("grade") { request, context in ToolPages.grade(try await Self.form(request, context)) }
    router.get("classify") { _, _ in ToolPages.classify(nil) }
    router.post("classify") { request, context in ToolPages.classify(try await Self.form(request, context)) }
    router.get("plan") { _, _ in ToolPages.plan(nil) }
    router.post("plan") { request, context in ToolPages.plan(try await Self.form(request, context)) }
    router.post("plan.ics") { request, context in try ToolPages.calendar(try await Self.form(request, context)) }
    router.get("learn") { request, _ in try LearnPages.index(query: request.uri.queryParameters.get("q")) }
    router.get("learn/{id}") { _, context in try LearnPages.fact(try context.parameters.require("id")) }
  }

  static func form(_ request: Request, _ context: Context) async throws -> FormBody {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    return FormBody(String(buffer: buffer))
  }
}
