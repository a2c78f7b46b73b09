/// How many lines wrapped text takes in a column, for setting row heights: LibreOffice does not grow a row for
/// wrapped text written by another program, so the writer sets the height itself.
enum TextWrap {
    /// Lines `text` needs in a column `width` characters wide, breaking at spaces (and inside longer words).
    static func lines(_ text: String, width: Double) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0
            for word in paragraph.split(separator: " ") {
                let n = word.count
                if used == 0 {
                    used = n
                } else if Double(used + 1 + n) <= width {
                    used += 1 + n
                } else {
                    lines += 1
                    used = n
                }
                while Double(used) > width {
                    lines += 1
                    used -= Int(width)
                }
            }
        }
        return max(1, lines)
    }

    /// Points for a row of `lines` lines of the default font.
    static func height(lines: Int) -> Double { 15 * Double(lines) }
}
