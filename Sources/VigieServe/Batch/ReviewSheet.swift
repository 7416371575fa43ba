import Foundation
import VigieIdentity
import VigieMatch
import VigieStore

/// `review.html`, written by `vigie dedupe`: one self-contained French page (inline style and script, no
/// external asset) with the batch's review queue — both records' traits side by side with their differing
/// characters marked, each pair's waterfall — and buttons that record a decision per pair and export them as
/// `decisions.csv` (`id_a,id_b,decision,operator,comment`, decisions `match` / `non-match`), the file
/// `vigie dedupe --decisions` reads on the next run.
///
/// The page holds traits (it is for the cell, like the input file); the INS is shown as present or absent only.
public enum ReviewSheet {
    /// One pair to review: both records as read, the score and its explanation.
    public struct Pair: Sendable {
        public var a: RawRecord
        public var b: RawRecord
        public var score: Double
        public var explanation: MatchExplanation

        public init(a: RawRecord, b: RawRecord, score: Double, explanation: MatchExplanation) {
            self.a = a
            self.b = b
            self.score = score
            self.explanation = explanation
        }
    }

    /// Pairs shown in full; beyond, the page says how many more are in pairs.csv (a browser page of tens of
    /// thousands of waterfalls would not open).
    public static let defaultLimit = 2_000

    /// The page for `pairs` (shown in the given order), from input `source`.
    public static func html(
        pairs: [Pair], source: String, matchThreshold: Double, reviewThreshold: Double, limit: Int = defaultLimit
    ) -> String {
        let shown = pairs.prefix(limit)
        var body = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Vigie — paires à revoir</title>
            <link rel="icon" href="data:image/svg+xml,\(Assets.favicon.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")">
            <style>\(Assets.stylesheet)
            .sheet-bar { position:sticky; top:0; z-index:2; background:#fff; border-bottom:1px solid var(--line); padding:.6rem 1.5rem; display:flex; gap:1rem; align-items:center; flex-wrap:wrap; }
            .pair { scroll-margin-top:4rem; }
            .pair.decided-match { border-left:5px solid var(--ok); }
            .pair.decided-non-match { border-left:5px solid var(--bad); }
            .choice { display:flex; gap:.5rem; align-items:center; flex-wrap:wrap; margin-top:.6rem; }
            .choice input[type=text] { flex:1; min-width:16rem; }
            .button.on { outline:3px solid var(--focus); }
            </style></head><body>
            <header class="top"><span class="brand">\(Assets.logo)<span>Vigie</span><small>Paires à revoir</small></span></header>
            <div class="sheet-bar"><label>Opérateur <input type="text" id="operator" placeholder="identifiant"></label>
            <span id="progress" class="muted"></span>
            <button type="button" class="button" id="export">Exporter decisions.csv</button>
            <span class="muted">Raccourcis sur la paire survolée : <kbd>m</kbd> même patient, <kbd>n</kbd> patients différents, <kbd>x</kbd> effacer</span></div>
            <main>
            <h1>\(pairs.count) paire\(pairs.count > 1 ? "s" : "") à revoir</h1>
            <p class="muted">Fichier : \(HTML.h(source)). Dans l’ordre de review.csv : d’abord les paires dont la décision apprend le plus au modèle (les collisions d’INS sont signalées sur la paire). Seuils : fusion automatique \(HTML.signed(matchThreshold)) bits, revue \(HTML.signed(reviewThreshold)) bits. \
            Les décisions restent dans ce navigateur jusqu’à l’export ; <code>vigie dedupe … --decisions decisions.csv</code> les applique au passage suivant \
            (<em>match</em> fusionne, <em>non-match</em> sépare la paire pour de bon).</p>
            """
        if pairs.count > shown.count {
            body += "<p class=\"message bad\">Seules les \(shown.count) premières paires sont affichées ; les \(pairs.count - shown.count) autres figurent dans pairs.csv.</p>"
        }
        for (index, pair) in shown.enumerated() {
            let reasons = pair.explanation.alerts.compactMap(ReviewReason.init(rawValue:))
            body += "<section class=\"card pair\" id=\"p\(index)\" data-a=\"\(HTML.h(pair.a.id))\" data-b=\"\(HTML.h(pair.b.id))\">"
            body += "<div class=\"pair-head\"><h2>\(index + 1). \(HTML.h(pair.a.id)) ↔ \(HTML.h(pair.b.id))</h2><span class=\"meta\">poids \(HTML.signed(pair.score)) bits</span></div>"
            body += reasons.isEmpty
                ? "<p><span class=\"reason\">Score entre les seuils</span></p>"
                : "<p>" + reasons.map { "<span class=\"reason\">\(HTML.h(ReviewReasons.label($0)))</span>" }.joined() + "</p>"
            body += "<div class=\"grid2\"><div>\(comparison(pair.a, pair.b))</div><div>"
            body += Waterfall.svg(pair.explanation, score: pair.score, matchThreshold: matchThreshold, reviewThreshold: reviewThreshold)
            body += "</div></div><div class=\"choice\"><button type=\"button\" class=\"button secondary\" data-decision=\"match\">Même patient</button>"
            body += "<button type=\"button\" class=\"button secondary\" data-decision=\"non-match\">Patients différents</button>"
            body += "<button type=\"button\" class=\"button secondary\" data-decision=\"\">Effacer</button>"
            body += "<input type=\"text\" class=\"comment\" placeholder=\"Commentaire (facultatif)\"></div></section>"
        }
        body += "</main><script>\(script)</script></body></html>"
        return body
    }

    static func comparison(_ a: RawRecord, _ b: RawRecord) -> String {
        let rows: [(String, String, String)] = [
            ("Nom de naissance", a.birthName, b.birthName), ("Prénoms", a.firstNames, b.firstNames), ("Sexe", a.sex, b.sex),
            ("Date de naissance", a.birthDate, b.birthDate), ("Lieu de naissance", a.birthPlace, b.birthPlace),
            ("Nom utilisé", a.usedName, b.usedName),
            ("INS", a.ins.isEmpty ? "" : "présent", b.ins.isEmpty ? "" : (a.ins == b.ins ? "présent, identique" : "présent")),
        ]
        var out = "<table class=\"compare\"><tbody>"
        for (label, x, y) in rows {
            let (left, right) = x.isEmpty || y.isEmpty ? (HTML.h(x), HTML.h(y)) : TextDiff.marked(x, y)
            out += "<tr class=\"\(x != y ? "differs" : "")\"><th>\(label)</th>"
            out += x.isEmpty ? "<td class=\"missing\">—</td>" : "<td>\(left)</td>"
            out += y.isEmpty ? "<td class=\"missing\">—</td>" : "<td>\(right)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Records decisions (kept in localStorage), exports them as RFC 4180 CSV.
    static let script = """
        "use strict";
        (function () {
          var key = "vigie-review:" + location.pathname;
          var saved = {};
          try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
          var operator = document.getElementById("operator");
          operator.value = saved.__operator || "";
          operator.addEventListener("input", function () { saved.__operator = operator.value; store(); });
          var pairs = Array.prototype.slice.call(document.querySelectorAll(".pair"));
          var hovered = null;
          function id(p) { return p.dataset.a + "\\u0000" + p.dataset.b; }
          function store() { try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) {} progress(); }
          function paint(p) {
            var d = saved[id(p)];
            p.classList.remove("decided-match", "decided-non-match");
            p.querySelectorAll("[data-decision]").forEach(function (b) { b.classList.toggle("on", !!d && b.dataset.decision === d.decision); });
            if (d) { p.classList.add("decided-" + d.decision); p.querySelector(".comment").value = d.comment || ""; }
          }
          function decide(p, decision) {
            if (decision) { saved[id(p)] = { decision: decision, comment: p.querySelector(".comment").value }; } else { delete saved[id(p)]; }
            paint(p); store();
          }
          function progress() {
            var n = pairs.filter(function (p) { return saved[id(p)]; }).length;
            document.getElementById("progress").textContent = n + " / " + pairs.length + " paires tranchées";
          }
          pairs.forEach(function (p) {
            paint(p);
            p.addEventListener("mouseenter", function () { hovered = p; });
            p.querySelectorAll("[data-decision]").forEach(function (b) { b.addEventListener("click", function () { decide(p, b.dataset.decision); }); });
            p.querySelector(".comment").addEventListener("change", function () { if (saved[id(p)]) { saved[id(p)].comment = this.value; store(); } });
          });
          document.addEventListener("keydown", function (e) {
            if (!hovered || e.target.tagName === "INPUT") { return; }
            if (e.key === "m") { decide(hovered, "match"); }
            if (e.key === "n") { decide(hovered, "non-match"); }
            if (e.key === "x") { decide(hovered, ""); }
          });
          function field(v) { v = String(v || ""); return /[",\\r\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
          document.getElementById("export").addEventListener("click", function () {
            var rows = ["id_a,id_b,decision,operator,comment"];
            pairs.forEach(function (p) {
              var d = saved[id(p)];
              if (d) { rows.push([p.dataset.a, p.dataset.b, d.decision, operator.value, d.comment].map(field).join(",")); }
            });
            var link = document.createElement("a");
            link.href = URL.createObjectURL(new Blob([rows.join("\\n") + "\\n"], { type: "text/csv" }));
            link.download = "decisions.csv";
            document.body.appendChild(link); link.click(); link.remove();
          });
          progress();
        })();
        """
}
