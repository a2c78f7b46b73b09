import Foundation
import FinsamModel

/// What the structure search and the mapping read from a printed label alone, worked out once per distinct
/// label. A batch prints the same few hundred labels (`Summa kostnader`, `Personalkostnader`) in every report
/// and every table; the words, roles and total tests are pure functions of the label, so they are remembered
/// for the process (see `MatchMemo`; bounded).
struct LabelFacts: Sendable {
    /// `LabelMapper.normalise`: what the label rules see.
    let key: String
    /// `LabelWords.normalised`: what the structure search sees.
    let words: String
    let role: LabelRole
    /// `TableStructure.isTotal`.
    let isTotal: Bool
    /// `TableStructure.isBareTotal`.
    let isBareTotal: Bool
    /// `LabelWords.isCostLike`, `isIncomeLike`, `isResultLike`, `isBottomLine` of `words`.
    let costLike: Bool
    let incomeLike: Bool
    let resultLike: Bool
    let bottomLine: Bool
    /// `RowContext.section(of: key)`: the section the label opens when it heads rows.
    let section: String?

    init(label: String) {
        key = LabelMapper.normalise(label)
        words = LabelWords.normalised(label)
        role = LabelRole(normalised: words)
        isTotal = TableStructure.isTotal(label: label)
        isBareTotal = TableStructure.isBareTotal(normalised: key)
        costLike = LabelWords.isCostLike(words)
        incomeLike = LabelWords.isIncomeLike(words)
        resultLike = LabelWords.isResultLike(words)
        bottomLine = LabelWords.isBottomLine(words)
        section = RowContext.section(of: key)
    }

    private static let memo = MatchMemo<ExactText, LabelFacts>(capacity: 1 << 16)

    static func of(_ label: String) -> LabelFacts {
        memo.value(for: ExactText(label)) { LabelFacts(label: label) }
    }
}
