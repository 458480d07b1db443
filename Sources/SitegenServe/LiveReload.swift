import Foundation
import SitegenBase

/// What `sitegen serve` adds to the pages it sends: one script tag, the
/// script itself, and the server-sent events it listens to. None of it is
/// ever written to the output folder.
public enum LiveReload {
    /// Reserved paths, answered by the server and never looked up in the site.
    public static let reservedPrefix = "/__sitegen/"
    public static let scriptPath = "/__sitegen/live.js"
    public static let eventsPath = "/__sitegen/events"

    /// The tag put into each HTML page; `build` names the build that made
    /// the page, so a page that missed a reload while it loaded is told at once.
    public static func scriptTag(build: String) -> String {
        let safe = build.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return "<script src=\"\(scriptPath)\" data-sitegen-build=\"\(safe)\"></script>"
    }

    /// `html` with the script tag before its last `</body>` (at the end
    /// when it has none).
    public static func inject(into html: Data, build: String) -> Data {
        let tag = Data(scriptTag(build: build).utf8)
        guard let position = lastBodyClose(in: html) else { return html + tag }
        var result = Data(capacity: html.count + tag.count)
        result.append(html[html.startIndex..<position])
        result.append(tag)
        result.append(html[position...])
        return result
    }

    /// Where the last `</body` (any case) starts.
    static func lastBodyClose(in html: Data) -> Data.Index? {
        let needle = Array("</body".utf8)
        let bytes = [UInt8](html)
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            var matches = true
            for offset in 0..<needle.count {
                var byte = bytes[index + offset]
                if byte >= 65 && byte <= 90 { byte += 32 }  // ASCII lower case
                if byte != needle[offset] {
                    matches = false
                    break
                }
            }
            if matches { return html.index(html.startIndex, offsetBy: index) }
            index -= 1
        }
        return nil
    }

    // MARK: Events

    /// A server-sent event: `event: NAME` and one `data:` line. `data` must
    /// not contain line breaks (JSON from `errorReport` never does).
    public static func event(_ name: String, data: String) -> Data {
        Data("event: \(name)\ndata: \(data)\n\n".utf8)
    }

    /// The first bytes of every event stream: how long the browser waits
    /// before it reconnects, and a comment so the response starts at once.
    public static let streamOpening = Data("retry: 1000\n: sitegen serve\n\n".utf8)
    public static let heartbeat = Data(": keep-alive\n\n".utf8)

    /// Diagnostics shown in the overlay before the rest are counted.
    public static let overlayLimit = 50

    /// The `error` event's data: one line of JSON with a summary and, per
    /// diagnostic, the fields of `Diagnostic.jsonLine` plus `text`, the
    /// compiler-style text with the source line and caret.
    public static func errorReport(_ diagnostics: [Diagnostic], readFile: @escaping (String) -> String?) -> String {
        var formatter = DiagnosticFormatter(useColor: false, readFile: readFile)
        let shown = diagnostics.prefix(overlayLimit)
        var entries: [Any] = []
        for diagnostic in shown {
            var entry =
                (try? JSONSerialization.jsonObject(with: Data(diagnostic.jsonLine.utf8))) as? [String: Any] ?? [:]
            entry["text"] = formatter.format(diagnostic)
            entries.append(entry)
        }
        let report: [String: Any] = [
            "summary": DiagnosticFormatter.summary(diagnostics),
            "diagnostics": entries,
            "more": diagnostics.count - shown.count,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        // JSONSerialization escapes line breaks inside strings; U+2028 and
        // U+2029 are escaped too so the line is safe anywhere.
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }

    // MARK: The script

    /// Listens to the event stream: reloads after a good rebuild (keeping the
    /// scroll position), shows an overlay with the diagnostics after a failed
    /// one. Everything it shows is set with textContent.
    public static let script = #"""
        // sitegen serve: reloads this page after each good rebuild and shows
        // build errors over it. Added by `sitegen serve` only, never by a build.
        (function () {
          "use strict";
          var script = document.currentScript;
          var build = (script && script.getAttribute("data-sitegen-build")) || "";
          var scrollKey = "sitegen-serve-scroll:" + location.pathname;

          try {
            var saved = sessionStorage.getItem(scrollKey);
            if (saved !== null) {
              sessionStorage.removeItem(scrollKey);
              var y = parseInt(saved, 10);
              if (!isNaN(y)) {
                window.addEventListener("load", function () { window.scrollTo(0, y); });
              }
            }
          } catch (e) {}

          var host = null;

          function element(tag, className, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }

          function clearOverlay() {
            if (host && host.parentNode) host.parentNode.removeChild(host);
            host = null;
          }

          var style = [
            ":host { all: initial; }",
            ".backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(20, 20, 24, 0.72);",
            "  overflow: auto; padding: 4vh 4vw; box-sizing: border-box; font: 15px/1.45 system-ui, sans-serif; }",
            ".panel { max-width: 960px; margin: 0 auto; background: #fff; color: #1d1d1f; border-radius: 8px;",
            "  border-top: 6px solid #c62828; box-shadow: 0 12px 40px rgba(0,0,0,.35); padding: 20px 24px; }",
            "h1 { font-size: 19px; margin: 0 0 4px; color: #b71c1c; }",
            ".hint { margin: 0 0 16px; color: #555; }",
            ".diagnostic { margin: 0 0 14px; }",
            ".where { font: 600 14px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 0 0 4px;",
            "  white-space: pre-wrap; word-break: break-word; }",
            ".error .where { color: #b71c1c; } .warning .where { color: #8e24aa; }",
            "pre { margin: 0; padding: 10px 12px; background: #f6f6f8; border-radius: 6px; overflow-x: auto;",
            "  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre; }",
            "button { float: right; font: inherit; border: 1px solid #bbb; background: #fafafa; border-radius: 4px;",
            "  padding: 2px 10px; cursor: pointer; }"
          ].join("\n");

          function showOverlay(report) {
            clearOverlay();
            host = document.createElement("sitegen-build-errors");
            var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
            var css = document.createElement("style");
            css.textContent = style;
            root.appendChild(css);
            var backdrop = element("div", "backdrop");
            var panel = element("div", "panel");
            panel.setAttribute("role", "alertdialog");
            panel.setAttribute("aria-label", "Build failed");
            var close = element("button", null, "Dismiss");
            close.addEventListener("click", clearOverlay);
            panel.appendChild(close);
            panel.appendChild(element("h1", null, "Build failed: " + (report.summary || "errors")));
            panel.appendChild(element("p", "hint",
              "This page is the last good build. Fix the file and save: the page reloads by itself."));
            var list = report.diagnostics || [];
            for (var i = 0; i < list.length; i++) {
              var d = list[i] || {};
              var lines = String(d.text || d.message || "").split("\n");
              var item = element("section", "diagnostic " + (d.severity === "warning" ? "warning" : "error"));
              item.appendChild(element("p", "where", lines[0]));
              if (lines.length > 1) item.appendChild(element("pre", null, lines.slice(1).join("\n")));
              panel.appendChild(item);
            }
            if (report.more > 0) {
              panel.appendChild(element("p", "hint", "… and " + report.more + " more in the terminal."));
            }
            backdrop.appendChild(panel);
            root.appendChild(backdrop);
            document.documentElement.appendChild(host);
          }

          if (!window.EventSource) return;
          var source = new EventSource("/__sitegen/events?build=" + encodeURIComponent(build));
          source.addEventListener("reload", function () {
            try { sessionStorage.setItem(scrollKey, String(window.scrollY || 0)); } catch (e) {}
            source.close();
            location.reload();
          });
          // The server's "error" events carry JSON; the browser's own (a
          // dropped connection, retried by EventSource) carry no data.
          source.addEventListener("error", function (event) {
            if (typeof event.data !== "string") return;
            var report;
            try { report = JSON.parse(event.data); } catch (e) { return; }
            showOverlay(report);
          });
        })();

        """#
}
