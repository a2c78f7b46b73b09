import FinsamModel

/// The ratios a regional comparison needs, each computed as a formula in the workbook.
struct RatioDefinition {
    enum Display { case percent, kronor }

    var label: String
    var numerator: String
    var denominator: String
    var display: Display
    /// Equity (a balance) against a year's contributions (a flow) means something for a full year only.
    var fullYearOnly = false
    /// Read both from one table where one prints both: a share of costs within the table that itemises them.
    var sameTableFirst = true

    /// Shown beside the ratio; says why a half-year column stays empty.
    var explanation: String { "\(numerator) / \(denominator)" + (fullYearOnly ? " (helår)" : "") }

    static let administrationShare = RatioDefinition(
        label: "Administrationens andel av kostnaderna", numerator: "AdministrationKostnader",
        denominator: "VerksamhetensKostnader", display: .percent)
    static let interventionShare = RatioDefinition(
        label: "Insatsernas andel av kostnaderna", numerator: "KostnaderInsatser",
        denominator: "VerksamhetensKostnader", display: .percent)
    static let resultShare = RatioDefinition(
        label: "Resultat i procent av medlemsavgifterna", numerator: "AretsResultat", denominator: "Medlemsavgifter",
        display: .percent)
    static let equityShare = RatioDefinition(
        label: "Eget kapital i procent av medlemsavgifterna", numerator: "EgetKapital", denominator: "Medlemsavgifter",
        display: .percent, fullYearOnly: true, sameTableFirst: false)
    static let costPerParticipant = RatioDefinition(
        label: "Kostnad per inskriven deltagare", numerator: "VerksamhetensKostnader", denominator: "DeltagareInskrivna",
        display: .kronor, sameTableFirst: false)
    static let workOrStudiesShare = RatioDefinition(
        label: "Andel avslutade deltagare till arbete eller studier", numerator: "DeltagareAvslutadeArbeteStudier",
        denominator: "DeltagareAvslutade", display: .percent)

    static let all = [administrationShare, interventionShare, resultShare, equityShare, costPerParticipant, workOrStudiesShare]

    /// Boards aim to keep equity under about a fifth of the year's member contributions.
    static let equityBenchmark = 0.2
}

extension Period {
    /// Twelve months from the first of a month: a calendar or broken financial year.
    var isFullYear: Bool {
        guard let start, start.day == 1 else { return false }
        let endMonth = start.month == 1 ? 12 : start.month - 1
        let endYear = start.month == 1 ? start.year : start.year + 1
        return end == Day.lastDay(ofMonth: endMonth, year: endYear)
    }
}
