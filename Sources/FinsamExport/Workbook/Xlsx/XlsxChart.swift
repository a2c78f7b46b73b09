import CXlsxWriter

/// A native Excel chart. Series refer to ranges of cells (`CellAddress.range`), so the chart follows the
/// figures if a user corrects one.
public struct XlsxChart {
    let handle: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: XlsxWorkbook

    public struct Series {
        let handle: UnsafeMutablePointer<lxw_chart_series>
    }

    public func title(_ text: String) {
        chart_title_set_name(handle, text)
        var font = lxw_chart_font()
        font.size = 12
        font.bold = 1
        chart_title_set_name_font(handle, &font)
    }

    @discardableResult
    public func series(name: String, categories: String, values: String, color: UInt32? = nil) -> Series {
        let s = chart_add_series(handle, categories, values)!
        chart_series_set_name(s, name)
        if let color {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(s, &fill)
            var line = lxw_chart_line()
            line.color = lxw_color_t(color)
            chart_series_set_line(s, &line)
        }
        return Series(handle: s)
    }

    /// A series drawn as markers only, no connecting line: for a line chart whose categories are not ordered.
    public func markersOnly(_ s: Series, color: UInt32) {
        var line = lxw_chart_line()
        line.none = 1
        chart_series_set_line(s.handle, &line)
        chart_series_set_marker_type(s.handle, UInt8(LXW_CHART_MARKER_DIAMOND.rawValue))
        chart_series_set_marker_size(s.handle, 9)
        var fill = lxw_chart_fill()
        fill.color = lxw_color_t(color)
        chart_series_set_marker_fill(s.handle, &fill)
        var border = lxw_chart_line()
        border.color = lxw_color_t(color)
        chart_series_set_marker_line(s.handle, &border)
    }

    /// A dashed line without markers: a threshold such as the 20 % line.
    public func dashedLine(_ s: Series, color: UInt32) {
        var line = lxw_chart_line()
        line.color = lxw_color_t(color)
        line.width = 2
        line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
        chart_series_set_line(s.handle, &line)
        chart_series_set_marker_type(s.handle, UInt8(LXW_CHART_MARKER_NONE.rawValue))
    }

    public func valueAxis(numberFormat: String, name: String? = nil, min: Double? = nil, max: Double? = nil) {
        chart_axis_set_num_format(handle.pointee.y_axis, numberFormat)
        if let name { chart_axis_set_name(handle.pointee.y_axis, name) }
        if let min { chart_axis_set_min(handle.pointee.y_axis, min) }
        if let max { chart_axis_set_max(handle.pointee.y_axis, max) }
    }

    /// Category labels at the bottom even when values go below zero.
    public func categoryLabelsLow() {
        chart_axis_set_label_position(handle.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
    }

    public func legendBottom() {
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }

    public func gaps() {
        chart_show_blanks_as(handle, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
    }
}
