import HTTPTypes
import Hummingbird
import NIOCore

/// The pages' only assets, served by the application itself (no CDN, no external font): a stylesheet, a
/// small script (keyboard shortcuts, decisions through the JSON API), the favicon.
enum Assets {
    static func serve(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A shield with a check mark: the RI's mark.
    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g id="mark">\
        <path d="M16 2 L28 6 V15 C28 22.5 22.8 28 16 30 C9.2 28 4 22.5 4 15 V6 Z" fill="#0b5394"/>\
        <path d="M10 16 L14.5 20.5 L22.5 11.5" fill="none" stroke="#ffffff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>\
        </g></svg>
        """

    /// The same mark inline in the header (an external `<use>` would be one more fetch for the CSP to allow).
    static let logo = favicon.replacingOccurrences(of: "<svg ", with: "<svg class=\"logo\" aria-hidden=\"true\" ")

    static let stylesheet = """
        :root { --ink:#1f2933; --muted:#5f6b7a; --line:#d5dce4; --bg:#f3f5f8; --card:#ffffff; --brand:#0b5394;
          --brand-dark:#083b6b; --accent:#e8f0f8; --ok:#1e7b45; --ok-bg:#e4f4ea; --warn:#9a5b00; --warn-bg:#fff3dc;
          --bad:#b42318; --bad-bg:#fde8e6; --focus:#f0b400; }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
          color:var(--ink); background:var(--bg); line-height:1.45; }
        a { color:var(--brand); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid var(--focus); outline-offset:1px; }
        .top { display:flex; align-items:center; gap:2rem; padding:.55rem 1.5rem; background:var(--brand-dark); color:#fff; }
        .brand { display:flex; align-items:center; gap:.5rem; color:#fff; text-decoration:none; font-weight:700; font-size:1.2rem; }
        .brand small { font-weight:400; font-size:.8rem; opacity:.8; margin-left:.3rem; }
        .logo { width:28px; height:28px; }
        .main-nav { display:flex; gap:.25rem; flex:1; }
        .main-nav a { color:#dce8f5; text-decoration:none; padding:.4rem .8rem; border-radius:4px; }
        .main-nav a[aria-current=page], .main-nav a:hover { background:rgba(255,255,255,.14); color:#fff; }
        .account { display:flex; align-items:center; gap:.75rem; font-size:.9rem; }
        .account .who { font-weight:600; }
        .account .role { opacity:.8; }
        .logout { margin:0; }
        .link-button { background:none; border:1px solid rgba(255,255,255,.5); color:#fff; border-radius:4px; padding:.25rem .6rem; cursor:pointer; font:inherit; }
        main { max-width:1280px; margin:1.25rem auto; padding:0 1.5rem; }
        .bottom { max-width:1280px; margin:2rem auto 1rem; padding:0 1.5rem; color:var(--muted); font-size:.8rem; }
        h1 { font-size:1.45rem; margin:.2rem 0 1rem; }
        h2 { font-size:1.1rem; margin:0 0 .75rem; }
        h3 { font-size:.95rem; margin:.5rem 0; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:1rem 1.25rem; margin-bottom:1rem; }
        .grid2 { display:grid; grid-template-columns:1fr 1fr; gap:1rem; }
        .pair-top { display:grid; grid-template-columns:2fr 3fr; gap:1rem; }
        .grid3 { display:grid; grid-template-columns:repeat(3, 1fr); gap:1rem; }
        .stats { display:flex; gap:1rem; flex-wrap:wrap; margin-bottom:1rem; }
        .stat { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:.7rem 1rem; min-width:11rem; }
        .stat .value { font-size:1.6rem; font-weight:700; display:block; }
        .stat .label { color:var(--muted); font-size:.85rem; }
        .stat.alert { border-left:4px solid var(--bad); }
        .stat.warn { border-left:4px solid var(--warn); }
        table { width:100%; border-collapse:collapse; background:var(--card); }
        th, td { text-align:left; padding:.5rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { font-size:.8rem; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; background:#f8fafc; }
        tbody tr:hover { background:var(--accent); }
        td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
        .queue td a.open { font-weight:600; }
        .badge { display:inline-block; padding:.1rem .5rem; border-radius:999px; font-size:.78rem; font-weight:600; white-space:nowrap; }
        .badge.collision { background:var(--bad-bg); color:var(--bad); }
        .badge.duplicate { background:var(--accent); color:var(--brand-dark); }
        .badge.deferred { background:var(--warn-bg); color:var(--warn); }
        .badge.status-QUAL { background:var(--ok-bg); color:var(--ok); }
        .badge.status-VALI { background:#e6f0fb; color:#1f5b99; }
        .badge.status-RECUP { background:#efe9fb; color:#5b3b99; }
        .badge.status-PROV { background:#eef0f3; color:#4a5563; }
        .badge.attr { background:var(--warn-bg); color:var(--warn); }
        .reason { display:inline-block; margin:0 .25rem .2rem 0; padding:.05rem .45rem; border:1px solid var(--line); border-radius:4px; font-size:.8rem; background:#fafbfc; }
        .weight { display:flex; align-items:center; gap:.4rem; justify-content:flex-end; }
        .weightbar { width:60px; height:6px; }
        .weightbar rect.bg { fill:#e3e8ee; } .weightbar rect.fg { fill:var(--brand); }
        .filters { display:flex; gap:.75rem; align-items:end; flex-wrap:wrap; }
        .filters label { display:flex; flex-direction:column; font-size:.8rem; color:var(--muted); gap:.2rem; }
        select, input[type=text], input[type=password], input[type=number], input[type=date], textarea {
          font:inherit; padding:.4rem .5rem; border:1px solid #b8c2cc; border-radius:4px; background:#fff; color:var(--ink); }
        .button { font:inherit; background:var(--brand); color:#fff; border:1px solid var(--brand); border-radius:4px; padding:.45rem .9rem; cursor:pointer; text-decoration:none; display:inline-block; }
        .button.secondary { background:#fff; color:var(--brand); }
        .button:disabled { opacity:.5; cursor:not-allowed; }
        .pager { display:flex; gap:.5rem; align-items:center; justify-content:flex-end; margin-top:.75rem; color:var(--muted); }
        .compare th { width:14rem; }
        .compare td { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size:.95rem; }
        .compare td.same { color:var(--ink); }
        .compare tr.differs th { color:var(--bad); }
        mark { background:#ffd7a8; color:#6b2d00; padding:0 1px; border-radius:2px; }
        .missing { color:var(--muted); font-style:italic; font-family:system-ui, sans-serif; }
        .alerts { list-style:none; padding:0; margin:0; }
        .alerts li { padding:.45rem .7rem; border-left:4px solid var(--warn); background:var(--warn-bg); margin-bottom:.4rem; border-radius:0 4px 4px 0; }
        .alerts li.severe { border-color:var(--bad); background:var(--bad-bg); }
        .decisions { display:grid; grid-template-columns:repeat(4, 1fr); gap:.6rem; margin-bottom:.75rem; }
        .decision { border:2px solid var(--line); border-radius:6px; padding:.6rem .7rem; cursor:pointer; display:block; background:#fff; }
        .decision:has(input:checked) { border-color:var(--brand); background:var(--accent); }
        .decision strong { display:block; }
        .decision small { color:var(--muted); }
        .decision kbd, .shortcuts kbd { font-family:ui-monospace, monospace; border:1px solid #b8c2cc; border-bottom-width:2px; border-radius:3px; padding:0 .3rem; background:#fff; font-size:.8rem; }
        .decision-form textarea { width:100%; min-height:4.5rem; }
        .decision-form .row { display:flex; gap:1rem; align-items:center; margin:.5rem 0; flex-wrap:wrap; }
        .shortcuts { color:var(--muted); font-size:.85rem; }
        .message { padding:.6rem .8rem; border-radius:4px; margin-bottom:1rem; }
        .message.ok { background:var(--ok-bg); color:var(--ok); }
        .message.bad { background:var(--bad-bg); color:var(--bad); }
        .hidden { display:none; }
        .timeline { list-style:none; margin:0 0 0 .6rem; padding:0 0 0 1rem; border-left:2px solid var(--line); }
        .timeline li { position:relative; padding:0 0 .7rem .6rem; }
        .timeline li::before { content:""; position:absolute; left:-1.42rem; top:.35rem; width:.7rem; height:.7rem; border-radius:50%; background:#fff; border:2px solid var(--brand); }
        .timeline li.viewed::before { border-color:#9aa5b1; }
        .timeline li.decision::before { background:var(--brand); }
        .timeline time { color:var(--muted); font-size:.8rem; display:block; }
        .timeline .actor { font-weight:600; }
        .timeline .why { color:var(--muted); font-size:.85rem; }
        .scroll { max-height:26rem; overflow:auto; }
        dl.facts { display:grid; grid-template-columns:12rem 1fr; gap:.35rem .75rem; margin:0; }
        dl.facts dt { color:var(--muted); }
        dl.facts dd { margin:0; }
        .chart { width:100%; height:auto; }
        .chart.waterfall text { font-size:13px; }
        .chart text { font-size:11px; fill:#4a5563; font-family:system-ui, sans-serif; }
        .chart .axis { stroke:#9aa5b1; stroke-width:1; }
        .chart .gridline { stroke:#e3e8ee; stroke-width:1; }
        .chart .pos { fill:#2e8b57; } .chart .neg { fill:#c0392b; } .chart .prior { fill:#7f8c9a; } .chart .total { fill:var(--brand); }
        .chart .connector { stroke:#9aa5b1; stroke-dasharray:3 2; }
        .chart .threshold { stroke:#b42318; stroke-dasharray:5 3; stroke-width:1.2; }
        .chart .threshold.review { stroke:#9a5b00; }
        .chart .line1 { fill:none; stroke:var(--brand); stroke-width:2; }
        .chart .line2 { fill:none; stroke:#c0392b; stroke-width:2; }
        .chart .line3 { fill:none; stroke:#9a5b00; stroke-width:2; }
        .chart .bar1 { fill:var(--brand); } .chart .bar2 { fill:#c0392b; } .chart .bar3 { fill:#2e8b57; }
        .chart .s-PROV { fill:#9aa5b1; } .chart .s-RECUP { fill:#8e6bd1; } .chart .s-VALI { fill:#4a8fd6; } .chart .s-QUAL { fill:#2e8b57; }
        .legend { display:flex; gap:1rem; font-size:.82rem; color:var(--muted); flex-wrap:wrap; margin-top:.3rem; }
        .legend i { display:inline-block; width:.8rem; height:.8rem; border-radius:2px; margin-right:.3rem; vertical-align:-1px; }
        .legend .k1 { background:var(--brand); } .legend .k2 { background:#c0392b; } .legend .k3 { background:#9a5b00; } .legend .k4 { background:#2e8b57; }
        .legend .s-PROV { background:#9aa5b1; } .legend .s-RECUP { background:#8e6bd1; } .legend .s-VALI { background:#4a8fd6; } .legend .s-QUAL { background:#2e8b57; }
        .login { max-width:24rem; margin:4rem auto; }
        .login form { display:flex; flex-direction:column; gap:.8rem; }
        .login label { display:flex; flex-direction:column; gap:.25rem; font-size:.9rem; }
        .error-card h1 { color:var(--bad); }
        .muted { color:var(--muted); }
        .pair-head { display:flex; justify-content:space-between; align-items:baseline; flex-wrap:wrap; gap:1rem; }
        .pair-head .meta { color:var(--muted); }
        @media (max-width: 900px) { .grid2, .grid3, .pair-top, .decisions { grid-template-columns:1fr; } .top { flex-wrap:wrap; gap:.75rem; } }
        """

    /// Keyboard shortcuts on the pair page and decisions sent to the JSON API (the form works without it).
    static let script = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          var form = document.getElementById("decision-form");
          if (!form) { return; }
          var csrf = document.querySelector("meta[name=csrf-token]").getAttribute("content");
          var comment = document.getElementById("comment");
          var message = document.getElementById("decision-message");
          function choose(value) {
            var input = form.querySelector("input[name=decision][value='" + value + "']");
            if (input && !input.disabled) { input.checked = true; comment.focus(); }
          }
          document.addEventListener("keydown", function (event) {
            var typing = event.target.tagName === "TEXTAREA" || event.target.tagName === "INPUT" || event.target.tagName === "SELECT";
            if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); form.requestSubmit(); return; }
            if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
            var keys = { f: "merge", n: "not-duplicate", r: "defer", h: "homonym" };
            if (keys[event.key]) { event.preventDefault(); choose(keys[event.key]); }
            if (event.key === "j" && form.dataset.next) { window.location.href = form.dataset.next; }
            if (event.key === "q") { window.location.href = "/"; }
          });
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            var chosen = form.querySelector("input[name=decision]:checked");
            if (!chosen) { show("Choisissez une décision.", false); return; }
            var body = { decision: chosen.value, comment: comment.value };
            var survivor = form.querySelector("select[name=survivor]");
            if (chosen.value === "merge" && survivor) { body.survivor = survivor.value; }
            var button = form.querySelector("button[type=submit]");
            button.disabled = true;
            fetch(form.dataset.api, {
              method: "POST", credentials: "same-origin",
              headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
              body: JSON.stringify(body)
            }).then(function (response) {
              return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
              if (result.ok) {
                show("Décision enregistrée.", true);
                window.location.href = form.dataset.after + "?fait=" + encodeURIComponent(form.dataset.item);
              } else {
                button.disabled = false;
                show(result.data && result.data.error ? result.data.error.message : "La décision n’a pas été enregistrée.", false);
              }
            }).catch(function () { button.disabled = false; show("Le serveur ne répond pas.", false); });
          });
          function show(text, ok) {
            message.textContent = text;
            message.className = "message " + (ok ? "ok" : "bad");
          }
        });
        """
}
