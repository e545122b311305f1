import Foundation

/// Cerebral hemisphere of an area label.
public enum Hemisphere: String, Sendable, CaseIterable, Codable {
    case left, right
}

/// An area label of an experimental FC file, split into hemisphere and Desikan-Killiany name.
/// Accepted styles (case-insensitive): `bankssts`, `L_bankssts` / `R_…`, `lh_…` / `rh_…`,
/// `lh.…`, `ctx-lh-bankssts` / `ctx-rh-…` (FreeSurfer), `ctx_lh_…`, `left_…` / `right_…`.
public struct AreaLabel: Sendable, Equatable {
    public var hemisphere: Hemisphere?
    public var name: String

    public init(hemisphere: Hemisphere?, name: String) {
        self.hemisphere = hemisphere
        self.name = name
    }

    public init(parsing raw: String) {
        var text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = String(text.dropFirst().dropLast()) }
        for prefix in ["ctx-", "ctx_"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        let prefixes: [(String, Hemisphere)] = [
            ("left_", .left), ("right_", .right), ("left-", .left), ("right-", .right),
            ("lh_", .left), ("rh_", .right), ("lh-", .left), ("rh-", .right), ("lh.", .left), ("rh.", .right),
            ("l_", .left), ("r_", .right), ("l-", .left), ("r-", .right),
        ]
        for (prefix, hemisphere) in prefixes where text.hasPrefix(prefix) {
            self.init(hemisphere: hemisphere, name: String(text.dropFirst(prefix.count)))
            return
        }
        self.init(hemisphere: nil, name: text)
    }
}
