// <minutes-search>: a search box and cited results for council minutes.
//
//   <script src="https://minutes.example/widget.js" defer></script>
//   <minutes-search server="https://minutes.example" filters></minutes-search>
//
// Attributes: `server` (the minutes-qa server; default: this page's origin),
// `filters` (show council, committee, date and kind filters), `url-state`
// (keep the search in the page's address: ?q=…&council=…, so that it can be
// shared and bookmarked, and back and forward work; `view=timeline` in the
// address opens the timeline view), `k` (results,
// default 10), `placeholder`, `key` (an access key that may read restricted
// passages, sent as header X-API-Key: only on pages that are themselves
// behind a login, since anyone who can read the page can read the key). Rendered in a shadow root, so the host page's
// styles do not leak in and ours do not leak out. No build step.
(() => {
  const STYLE = `
    :host { display: block; font: 16px/1.45 system-ui, sans-serif; color: #1d1d1f; }
    form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
    label { display: flex; flex-direction: column; font-size: .8rem; color: #444; }
    input, select, button { font: inherit; padding: .45rem .6rem; border: 1px solid #888;
      border-radius: 6px; background: #fff; color: inherit; }
    .q { flex: 1 1 16rem; }
    .q input { width: 100%; box-sizing: border-box; }
    button { cursor: pointer; background: #0b5394; color: #fff; border-color: #0b5394; }
    button.secondary { background: #fff; color: #0b5394; }
    button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible {
      outline: 3px solid #f9a825; outline-offset: 2px; }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem; width: 100%; }
    .status { margin: .75rem 0; color: #444; }
    ol { list-style: none; padding: 0; margin: 0; }
    li.result { border-top: 1px solid #ddd; padding: .75rem 0; }
    li.weaker { border-top: 2px dashed #888; margin-top: .5rem; padding: .4rem 0; font-size: .85rem; color: #444; list-style: none; }
    li.result.weak .text { color: #333; }
    .text { margin: 0 0 .35rem; }
    mark { background: #fff3b0; color: inherit; padding: 0 .1em; }
    .cite { font-size: .85rem; color: #444; margin: 0 0 .4rem; }
    .kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em;
      background: #eef3f8; border-radius: 4px; padding: .05rem .35rem; margin-right: .4rem; }
    .actions { display: flex; flex-wrap: wrap; gap: .4rem; }
    .actions button { font-size: .85rem; padding: .25rem .5rem; }
    .context { margin: .5rem 0 0; padding: .5rem .75rem; border-left: 3px solid #0b5394;
      background: #f7f9fb; font-size: .92rem; }
    .context p { margin: .3rem 0; }
    .context .here { font-weight: 600; }
    a { color: #0b5394; }
    .views { display: flex; gap: .4rem; margin-top: .6rem; }
    .views button { font-size: .85rem; padding: .25rem .6rem; background: #fff; color: #0b5394; }
    .views button[aria-pressed="true"] { background: #0b5394; color: #fff; }
    ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.1rem; border-left: 3px solid #0b5394; }
    li.meeting { position: relative; margin: 0 0 1.2rem; padding-left: .6rem; }
    li.meeting::before { content: ""; position: absolute; left: -1.65rem; top: .3rem; width: .75rem;
      height: .75rem; border-radius: 50%; background: #fff; border: 3px solid #0b5394; }
    li.meeting h3 { font-size: 1rem; margin: 0 0 .15rem; }
    li.meeting .title { font-size: .85rem; color: #444; margin: 0 0 .35rem; }
    li.meeting ul { margin: 0; padding-left: 1rem; }
    li.meeting li { margin: 0 0 .35rem; }
    li.meeting li.weak { color: #555; font-size: .92rem; }
    li.undated { border-top: 2px dashed #888; padding-top: .4rem; margin: 0 0 1rem; color: #444; font-size: .85rem; }
    .decision { margin: .25rem 0 0; }
    .next { margin: .5rem 0 0; padding: .5rem .75rem; border-left: 3px solid #2e7d32;
      background: #f4faf4; font-size: .92rem; }
    .next p { margin: .3rem 0; }
    @media (max-width: 480px) { .filters label { flex: 1 1 45%; } }
  `;

  const escape = (s) => String(s ?? "").replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  function marked(text, spans) {
    let out = "", at = 0;
    for (const [start, stop] of spans || []) {
      out += escape(text.slice(at, start)) + "<mark>" + escape(text.slice(start, stop)) + "</mark>";
      at = stop;
    }
    return out + escape(text.slice(at));
  }

  function citationText(c) {
    const item = [c.item_number, c.item_title].filter(Boolean).join(" ");
    return [c.council, c.committee, c.meeting_date || "date not stated",
      item ? "item " + item : null].filter(Boolean).join(", ");
  }

  const FILTERS = ["council", "committee", "since", "until", "kind"];

  class MinutesSearch extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      const uid = Math.random().toString(36).slice(2, 8);
      const filters = this.hasAttribute("filters") ? `
        <div class="filters">
          <label>Council<input name="council" autocomplete="off"></label>
          <label>Committee<input name="committee" autocomplete="off"></label>
          <label>From<input name="since" type="date"></label>
          <label>To<input name="until" type="date"></label>
          <label>Kind<select name="kind">
            <option value="">any</option><option value="decision">decisions</option>
            <option value="commitment">commitments</option>
            <option value="discussion">discussion</option></select></label>
        </div>` : "";
      root.innerHTML = `<style>${STYLE}</style>
        <form role="search" part="form">
          <label class="q" for="q-${uid}">Search the minutes
            <input id="q-${uid}" name="q" type="search" required
              placeholder="${escape(this.getAttribute("placeholder") || "What was said about …?")}">
          </label>
          <button type="submit">Search</button>
          ${filters}
        </form>
        <div class="views" role="group" aria-label="View">
          <button type="button" data-view="results" aria-pressed="true">Results</button>
          <button type="button" data-view="timeline" aria-pressed="false">Timeline</button>
        </div>
        <p class="status" role="status" aria-live="polite"></p>
        <ol class="results" aria-label="Results"></ol>
        <ol class="timeline" aria-label="Timeline" hidden></ol>`;
      this.form = root.querySelector("form");
      this.status = root.querySelector(".status");
      this.list = root.querySelector(".results");
      this.timeline = root.querySelector(".timeline");
      this.view = "results";
      root.querySelectorAll("[data-view]").forEach((b) => b.addEventListener("click", () => {
        this.setView(b.dataset.view);
        if (this.form.q.value) this.search(true);
      }));
      this.form.addEventListener("submit", (e) => { e.preventDefault(); this.search(true); });
      const q = this.getAttribute("q");
      if (this.hasAttribute("url-state")) {
        // The page's address holds the search: shared and bookmarked links
        // open on their results, and back and forward step through searches.
        window.addEventListener("popstate", () => this.fromAddress());
        this.fromAddress();
      } else if (q) { this.form.q.value = q; this.search(); }
    }

    fromAddress() {
      const params = new URLSearchParams(window.location.search);
      this.setView(params.get("view") === "timeline" ? "timeline" : "results");
      for (const name of ["q", ...FILTERS]) {
        const field = this.form.elements[name];
        if (field) field.value = params.get(name) || "";
      }
      if (this.form.q.value) this.search();
      else { this.status.textContent = ""; this.list.innerHTML = ""; this.timeline.innerHTML = ""; }
    }

    setView(view) {
      this.view = view;
      this.shadowRoot.querySelectorAll("[data-view]").forEach((b) =>
        b.setAttribute("aria-pressed", String(b.dataset.view === view)));
      this.list.hidden = view === "timeline";
      this.timeline.hidden = view !== "timeline";
    }

    get server() {
      return (this.getAttribute("server") || window.location.origin).replace(/\/$/, "");
    }

    headers() {
      const key = this.getAttribute("key");
      return key ? { "X-API-Key": key } : {};
    }

    async search(remember = false) {
      const params = new URLSearchParams({ q: this.form.q.value, k: this.getAttribute("k") || "10" });
      for (const name of FILTERS) {
        const field = this.form.elements[name];
        if (field && field.value) params.set(name, field.value);
      }
      if (remember && this.hasAttribute("url-state")) {
        const shown = new URLSearchParams(params);
        shown.delete("k");
        if (this.view === "timeline") shown.set("view", "timeline");
        if ("?" + shown !== window.location.search) history.pushState(null, "", "?" + shown);
      }
      this.status.textContent = "Searching…";
      this.list.innerHTML = "";
      this.timeline.innerHTML = "";
      const timeline = this.view === "timeline";
      // The timeline searches its own number of passages, spread over meetings.
      if (timeline) params.delete("k");
      try {
        const route = timeline ? "timeline" : "search";
        const response = await fetch(`${this.server}/api/v1/${route}?${params}`, { headers: this.headers() });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
        if (timeline) this.renderTimeline(body); else this.render(body);
      } catch (err) {
        this.status.textContent = "The search failed: " + err.message;
      }
    }

    render(body) {
      const n = body.results.length;
      this.status.textContent = n === 0 ? "No passages found."
        : (body.good_match ? `${n} passages.` : `No passage answers this well; the closest ${n}:`);
      const good = body.results.filter((r) => r.good_match).length;
      if (n && good < n && good > 0) this.status.textContent = `${good} good match${good > 1 ? "es" : ""}, then ${n - good} weaker passage${n - good > 1 ? "s" : ""}.`;
      // Where good matches end, a visible line: weaker passages are never passed off as answers.
      const divider = (i) => (i === good && good > 0 && good < n)
        ? `<li class="weaker" role="separator">Weaker passages</li>` : "";
      this.list.innerHTML = body.results.map((r, i) => divider(i) + `
        <li class="result${r.good_match ? "" : " weak"}" data-id="${escape(r.id)}">
          <p class="text"><span class="kind">${escape(r.kind)}</span>${marked(r.text, r.highlights)}</p>
          <p class="cite">${escape(citationText(r.citation))} ·
            <a href="${escape(r.citation.source)}" rel="noopener" target="_blank">source</a>
            ${r.also_in.length ? ` · also in ${r.also_in.length} other place${r.also_in.length > 1 ? "s" : ""}` : ""}</p>
          <div class="actions">
            <button type="button" class="secondary" data-act="context" aria-expanded="false"
              aria-controls="ctx-${i}">Show in context</button>
            <button type="button" class="secondary" data-act="copy">Copy citation</button>
            ${r.kind === "commitment" ? `<button type="button" class="secondary" data-act="next"
              aria-expanded="false" aria-controls="next-${i}">What happened next</button>` : ""}
            <a href="${this.server}/p/${encodeURIComponent(r.id)}">Permalink</a>
          </div>
          <div class="context" id="ctx-${i}" hidden></div>
          <div class="next" id="next-${i}" hidden></div>
        </li>`).join("");
      this.list.querySelectorAll("li.result").forEach((li, i) => {
        const result = body.results[i];
        li.querySelector('[data-act="context"]').addEventListener("click", (e) => this.context(li, e.target));
        li.querySelector('[data-act="copy"]').addEventListener("click", (e) => this.copy(result, e.target));
        const next = li.querySelector('[data-act="next"]');
        if (next) next.addEventListener("click", () => this.followUp(next, li.querySelector(".next"), result.id));
      });
    }

    renderTimeline(body) {
      const n = body.meetings.length;
      this.status.textContent = n === 0 ? "No passages found."
        : (body.good_match ? `${n} meeting${n > 1 ? "s" : ""}, oldest first.`
          : `No passage answers this well; the meetings of the closest, oldest first:`);
      const link = (p, label) => `<a href="${this.server}/p/${encodeURIComponent(p.id)}">${label}</a>`;
      let undated = false;
      this.timeline.innerHTML = body.meetings.map((m) => {
        // Undated meetings come last: a line says why they are not placed.
        const note = (!m.date && !undated) ? `<li class="undated" role="separator">Meetings whose minutes state no date</li>` : "";
        undated = undated || !m.date;
        const when = m.date ? `<time datetime="${escape(m.date)}">${escape(m.date)}</time>` : "Date not stated";
        return note + `<li class="meeting">
          <h3>${when} · ${escape([m.committee, m.council].filter(Boolean).join(", "))}</h3>
          ${m.title ? `<p class="title">${escape(m.title)}</p>` : ""}
          <ul>${m.passages.map((p) => `<li class="passage${p.good_match ? "" : " weak"}" data-id="${escape(p.id)}">
            <span class="kind">${escape(p.kind)}</span>${marked(p.text, p.highlights)}
            · ${link(p, "Permalink")}
            ${p.kind === "commitment" ? `<button type="button" class="secondary" data-act="next" aria-expanded="false">What happened next</button>
              <div class="next" hidden></div>` : ""}</li>`).join("")}</ul>
          ${m.decisions.map((d) => `<p class="decision"><span class="kind">decided</span>${escape(d.text)} · ${link(d, "Permalink")}</p>`).join("")}
        </li>`;
      }).join("");
      this.timeline.querySelectorAll('[data-act="next"]').forEach((button) => {
        const li = button.closest("li");
        button.addEventListener("click", () => this.followUp(button, li.querySelector(".next"), li.dataset.id));
      });
    }

    async followUp(button, box, id) {
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", String(!open));
      box.hidden = open;
      if (open || box.dataset.loaded) return;
      const response = await fetch(`${this.server}/api/v1/commitments/${encodeURIComponent(id)}`,
        { headers: this.headers() });
      const f = await response.json();
      if (!response.ok) { box.textContent = f.error ? f.error.message : response.statusText; return; }
      box.innerHTML = `<p><strong>${escape(f.next.length ? "What happened next" : f.summary)}</strong></p>`
        + f.next.map((p) => `<p>${escape(p.text)}<br><span class="cite">${escape(citationText(p.citation))} ·
          <a href="${this.server}/p/${encodeURIComponent(p.id)}">Permalink</a></span></p>`).join("");
      box.dataset.loaded = "1";
    }

    async context(li, button) {
      const box = li.querySelector(".context");
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", String(!open));
      button.textContent = open ? "Show in context" : "Hide context";
      box.hidden = open;
      if (open || box.dataset.loaded) return;
      const response = await fetch(`${this.server}/api/v1/passages/${encodeURIComponent(li.dataset.id)}`,
        { headers: this.headers() });
      const p = await response.json();
      const para = (x, cls = "") => `<p class="${cls}">${escape(x.text)}</p>`;
      box.innerHTML = (p.citation.item_title ? `<p><strong>${escape(p.citation.item_title)}</strong></p>` : "")
        + (p.lead_in ? `<p><em>${escape(p.lead_in)}</em></p>` : "")
        + p.before.map((x) => para(x)).join("") + para(p, "here") + p.after.map((x) => para(x)).join("")
        + (p.resolutions.length ? `<p><strong>Resolution:</strong></p>` + p.resolutions.map((x) => para(x)).join("") : "");
      box.dataset.loaded = "1";
    }

    async copy(result, button) {
      const text = `“${result.text}” (${citationText(result.citation)}; ${result.citation.source})`;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch {
        window.prompt("Copy this citation:", text);
      }
      this.dispatchEvent(new CustomEvent("citation-copied", { detail: text, bubbles: true, composed: true }));
    }
  }

  if (!customElements.get("minutes-search")) customElements.define("minutes-search", MinutesSearch);
})();
