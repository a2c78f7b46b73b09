import Foundation
import FinsamMapping
import FinsamModel
import FinsamPipeline

/// Paths of the repository and of the shared real data, for tests.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples").path
    static let mappings = root.appendingPathComponent("mappings").path

    /// `../shared` beside the checkout, where the real reports and SIE files are (present in CI).
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static var sharedReports: String? {
        let p = shared.appendingPathComponent("reports").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }
    static var sharedSIE: String? {
        let p = shared.appendingPathComponent("sie").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }
    static let sharedMissing = "../shared saknas: testet med riktiga dokument hoppas över"

    static func pipeline() throws -> Pipeline {
        Pipeline(mappings: try MappingSet.load(from: mappings))
    }

    static func sample(_ name: String) -> String {
        (samples as NSString).appendingPathComponent(name)
    }
}

extension Document {
    /// The single fact matching, or nil when there are none or several.
    func fact(_ concept: String, scenario: Scenario = .utfall, period: Period, member: String? = nil, table: String? = nil) -> Fact? {
        let hits = facts.filter {
            $0.concept == concept && $0.scenario == scenario && $0.period == period && $0.member == member
                && (table == nil || $0.table == table)
        }
        return hits.count == 1 ? hits[0] : nil
    }
}

func day(_ s: String) -> Day { Day(iso: s)! }
func year(_ y: Int) -> Period { Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!) }
