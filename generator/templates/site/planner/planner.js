/* guidegen: the session planner.

   Progressive enhancement: without JavaScript the page lists the published sessions and the
   activities. This script replaces that list with a planner: add activities, breaks and items
   of your own, put them in order (drag, or the Move buttons, or Alt+Up/Down), set the start
   time, and see the clock times and the total. The plan is kept in this browser
   (localStorage), can be saved to and opened from a small file, printed as a one-page
   agenda, and exported as content/sessions/<id>.yml for an editor to publish.
   Plain JavaScript, no network, works from file://. Text typed in only ever reaches the
   page through text nodes, never as HTML. Every change is announced in a live region.
   The fixed words are in WORDS below, in one place; each comes from the guide's message
   catalogue (window.GUIDEGEN_PLANNER_WORDS, written by site/session_pages.py). */
(() => {
  "use strict";

  const DATA = window.guidegenPlannerData;
  const ROOT = document.querySelector(".guide-planner");
  if (!DATA || !ROOT) return;

  const FORMAT = "guidegen-session-plan";
  const STORE = `guidegen-planner:${DATA.guide}`;
  const MAX_ITEMS = 40;
  const MAX_FILE = 100000; // bytes; a plan of 40 items is about 3 kB
  const MESSAGES = window.GUIDEGEN_PLANNER_WORDS || {};

  /* t(): an interface message in the guide's language (site/session_pages.py writes them into data.js). */
  const { t, tn } = window.guidegenShared.messages(MESSAGES); // shared.js, loaded first
  const { el, download } = window.guidegenShared;

  const WORDS = {
    settings: t("Your session"),
    titleLabel: t("Title of the session"),
    defaultTitle: t("Our session"),
    startLabel: t("Start time"),
    add: t("Add to the plan"),
    activities: t("Activities from the guide"),
    addActivity: (title) => t("Add %(title)s", { title }),
    breakLabel: t("Break (minutes)"),
    addBreak: t("Add a break"),
    ownLabel: t("Your own item"),
    ownMinutes: t("Minutes"),
    addOwn: t("Add your item"),
    ownDefault: t("Welcome and check-in"),
    plan: t("Your plan"),
    empty: t("Nothing in the plan yet. Add an activity, a break or an item of your own."),
    breakTitle: t("Break"),
    minutesOf: (title) => t("Minutes for %(title)s", { title }),
    up: (title) => t("Move %(title)s up", { title }),
    down: (title) => t("Move %(title)s down", { title }),
    remove: (title) => t("Remove %(title)s", { title }),
    upText: t("Up"),
    downText: t("Down"),
    removeText: t("Remove"),
    total: (length, start, end) =>
      start ? t("In all: %(length)s, from %(start)s to %(end)s", { length, start, end }) : t("In all: %(length)s", { length }),
    keep: t("Save, print or publish"),
    print: t("Print the agenda"),
    save: t("Save the plan as a file"),
    open: t("Open a saved plan"),
    exportYaml: t("Export for the guide (.yml)"),
    exportNote: t("A session plan made with the planner. Put this file in content/sessions/, then run: guidegen check"),
    startFrom: t("Start from a published session"),
    startFromButton: t("Use this session"),
    clear: t("Clear the plan"),
    help: t("Tip: with the focus on an item, Alt+Up and Alt+Down move it. You can also drag items."),
    added: (title, position, clock) =>
      clock
        ? t("Added %(title)s at position %(position)s, starting at %(clock)s.", { title, position, clock })
        : t("Added %(title)s at position %(position)s.", { title, position }),
    moved: (title, position, total, clock) =>
      clock
        ? t("Moved %(title)s to position %(position)s of %(total)s, now starting at %(clock)s.", { title, position, total, clock })
        : t("Moved %(title)s to position %(position)s of %(total)s.", { title, position, total }),
    removed: (title) => t("Removed %(title)s.", { title }),
    cleared: t("The plan is empty."),
    changedStart: (clock, end) => t("Start time %(clock)s. The plan ends at %(end)s.", { clock, end }),
    changedMinutes: (title, length, end) =>
      end
        ? t("%(title)s now takes %(length)s; the plan ends at %(end)s.", { title, length, end })
        : t("%(title)s now takes %(length)s.", { title, length }),
    opened: (count) => tn(count, "Opened a plan of %(num)s item.", "Opened a plan of %(num)s items."),
    loaded: (title) => t("Started from %(title)s.", { title }),
    badFile: t("That file is not a saved session plan. Choose a file saved from this planner."),
    full: t("A plan can have at most %(count)s items.", { count: MAX_ITEMS }),
    minutes: (num) => t("%(num)s min", { num }),
    offset: (num) => `+${t("%(num)s min", { num })}`,
    printHeading: (title) => title,
    time: t("Time"),
    what: t("What"),
    length: t("How long"),
    end: t("End"),
    hours: (num) => tn(num, "%(num)s hour", "%(num)s hours"),
    minutesLong: (num) => tn(num, "%(num)s minute", "%(num)s minutes"),
  };

  /* ------------------------------------------------------------ helpers */

  /** One line of plain text, at most `max` characters (200 unless told). */
  function clean(text, max) {
    return window.guidegenShared.clean(text, max || 200);
  }

  function wholeMinutes(value, fallback) {
    const n = Math.round(Number(value));
    return Number.isFinite(n) && n >= 1 && n <= 600 ? n : fallback;
  }

  function clockAt(start, offset) {
    if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(start || "")) return "";
    const [h, m] = start.split(":").map(Number);
    const total = (((h * 60 + m + offset) % 1440) + 1440) % 1440;
    return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  }

  function duration(minutes) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const parts = h ? [WORDS.hours(h)] : [];
    if (m || !h) parts.push(WORDS.minutesLong(m));
    return parts.join(" ");
  }

  function slug(text) {
    const s = clean(text)
      .normalize("NFKD")
      .replace(/[^\x00-\x7f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "");
    return s || "my-session";
  }

  const ACTIVITIES = new Map(DATA.activities.map((a) => [a.id, a]));

  /** Each activity's page address, from the links MkDocs made in the page's fallback list. */
  function activityLinks() {
    const links = new Map();
    for (const a of ROOT.querySelectorAll(".guide-planner-fallback a[href]")) {
      const match = /activities\/([a-z0-9-]+)(?:\.html|\/)?(?:#.*)?$/.exec(a.getAttribute("href"));
      if (match) links.set(match[1], a.getAttribute("href"));
    }
    return links;
  }
  const LINKS = activityLinks();

  /* ------------------------------------------------------------ the plan */

  /** A plan as kept, saved and opened: only known activities, clean text, whole minutes. */
  function checked(raw) {
    if (!raw || typeof raw !== "object" || !Array.isArray(raw.items)) return null;
    const items = [];
    for (const item of raw.items.slice(0, MAX_ITEMS)) {
      if (!item || typeof item !== "object") continue;
      if (item.type === "activity" && ACTIVITIES.has(item.id)) {
        const own = ACTIVITIES.get(item.id).minutes;
        items.push({ type: "activity", id: item.id, minutes: wholeMinutes(item.minutes, own) });
      } else if (item.type === "break") {
        items.push({ type: "break", minutes: wholeMinutes(item.minutes, 15) });
      } else if (item.type === "item" && clean(item.title)) {
        items.push({ type: "item", title: clean(item.title), minutes: wholeMinutes(item.minutes, 10) });
      }
    }
    const start = /^([01]?\d|2[0-3]):[0-5]\d$/.test(raw.start || "") ? clockAt(raw.start, 0) : "";
    return { format: FORMAT, version: 1, title: clean(raw.title) || WORDS.defaultTitle, start, items };
  }

  function stored() {
    try {
      return checked(JSON.parse(localStorage.getItem(STORE) || "null"));
    } catch {
      return null;
    }
  }

  let plan = stored() || { format: FORMAT, version: 1, title: WORDS.defaultTitle, start: "18:30", items: [] };

  function keep() {
    try {
      localStorage.setItem(STORE, JSON.stringify(plan));
    } catch {
      /* storage full or turned off: the plan still works until the page is closed */
    }
  }

  function titleOf(item) {
    if (item.type === "activity") return ACTIVITIES.get(item.id).title;
    if (item.type === "break") return WORDS.breakTitle;
    return item.title;
  }

  function timed() {
    let offset = 0;
    return plan.items.map((item) => {
      const row = { item, title: titleOf(item), offset, clock: clockAt(plan.start, offset) };
      offset += item.minutes;
      return row;
    });
  }

  function totalMinutes() {
    return plan.items.reduce((sum, item) => sum + item.minutes, 0);
  }

  function endClock() {
    return clockAt(plan.start, totalMinutes());
  }

  /* ------------------------------------------------------------ the page */

  const status = el("div", { class: "guide-planner-status", role: "status", "aria-live": "polite" });
  const list = el("ol", { class: "guide-planner-plan", "aria-labelledby": "guide-planner-plan-heading" });
  const emptyNote = el("p", { class: "guide-planner-empty" }, WORDS.empty);
  const total = el("p", { class: "guide-planner-total" });
  const printable = el("div", { class: "guide-planner-print" });
  const titleInput = el("input", { type: "text", id: "guide-planner-title", maxlength: "200", autocomplete: "off" });
  const startInput = el("input", { type: "time", id: "guide-planner-start", step: "300" });

  function announce(message) {
    // Cleared first, so the same words said twice are announced twice.
    status.textContent = "";
    setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function changed(message, focus) {
    keep();
    render();
    if (focus) focus();
    if (message) announce(message);
  }

  function add(item) {
    if (plan.items.length >= MAX_ITEMS) {
      announce(WORDS.full);
      return;
    }
    plan.items.push(item);
    const rows = timed();
    const row = rows[rows.length - 1];
    changed(WORDS.added(row.title, rows.length, row.clock));
  }

  function move(from, to, focusClass) {
    if (to < 0 || to >= plan.items.length || from === to) return;
    const [item] = plan.items.splice(from, 1);
    plan.items.splice(to, 0, item);
    const row = timed()[to];
    changed(WORDS.moved(row.title, to + 1, plan.items.length, row.clock), () => {
      const target = list.children[to]?.querySelector(focusClass) || list.children[to];
      if (target && !target.disabled) target.focus();
      else list.children[to]?.focus();
    });
  }

  function remove(index) {
    const [item] = plan.items.splice(index, 1);
    changed(WORDS.removed(titleOf(item)), () => {
      const next = list.children[Math.min(index, list.children.length - 1)];
      (next?.querySelector(".guide-planner-remove") || addHeading).focus();
    });
  }

  let dragged = null;

  function planRow(row, index) {
    const { item, title } = row;
    const count = plan.items.length;
    const minutesId = `guide-planner-minutes-${index}`;
    const name = item.type === "activity" && LINKS.has(item.id) ? el("a", { href: LINKS.get(item.id) }, title) : title;
    const minutes = el("input", {
      type: "number",
      id: minutesId,
      min: "1",
      max: "600",
      value: String(item.minutes),
      class: "guide-planner-minutes",
      onchange: (event) => {
        item.minutes = wholeMinutes(event.target.value, item.minutes);
        changed(WORDS.changedMinutes(title, duration(item.minutes), endClock()), () => list.children[index]?.querySelector(".guide-planner-minutes")?.focus());
      },
    });
    const li = el(
      "li",
      {
        class: `guide-planner-item guide-planner-${item.type}`,
        draggable: "true",
        tabindex: "-1",
        ondragstart: (event) => {
          dragged = index;
          event.dataTransfer.effectAllowed = "move";
          event.dataTransfer.setData("text/plain", String(index));
        },
        ondragover: (event) => event.preventDefault(),
        ondrop: (event) => {
          event.preventDefault();
          if (dragged !== null) move(dragged, index, ".guide-planner-up");
          dragged = null;
        },
        onkeydown: (event) => {
          if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
          event.preventDefault();
          move(index, index + (event.key === "ArrowUp" ? -1 : 1), event.key === "ArrowUp" ? ".guide-planner-up" : ".guide-planner-down");
        },
      },
      el("span", { class: "guide-planner-clock" }, row.clock || WORDS.offset(row.offset)),
      el("span", { class: "guide-planner-title" }, name),
      el("span", { class: "guide-planner-length" }, el("label", { for: minutesId }, el("span", { class: "md-visually-hidden guide-visually-hidden" }, WORDS.minutesOf(title)), el("span", { "aria-hidden": "true" }, WORDS.ownMinutes)), minutes),
      el(
        "span",
        { class: "guide-planner-buttons" },
        el("button", { type: "button", class: "md-button guide-planner-up", "aria-label": WORDS.up(title), disabled: index === 0, onclick: () => move(index, index - 1, ".guide-planner-up") }, WORDS.upText),
        el("button", { type: "button", class: "md-button guide-planner-down", "aria-label": WORDS.down(title), disabled: index === count - 1, onclick: () => move(index, index + 1, ".guide-planner-down") }, WORDS.downText),
        el("button", { type: "button", class: "md-button guide-planner-remove", "aria-label": WORDS.remove(title), onclick: () => remove(index) }, WORDS.removeText),
      ),
    );
    return li;
  }

  function printAgenda(rows) {
    const end = endClock();
    const body = rows.map((row) =>
      el("tr", { class: `guide-planner-print-${row.item.type}` }, el("td", { class: "guide-planner-print-clock" }, row.clock || WORDS.offset(row.offset)), el("th", { scope: "row" }, row.title), el("td", {}, WORDS.minutes(row.item.minutes))),
    );
    if (end) body.push(el("tr", {}, el("td", { class: "guide-planner-print-clock" }, end), el("th", { scope: "row" }, WORDS.end), el("td", {})));
    printable.replaceChildren(
      el("h2", {}, WORDS.printHeading(plan.title)),
      el("p", {}, WORDS.total(duration(totalMinutes()), plan.start, end)),
      el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, WORDS.time), el("th", { scope: "col" }, WORDS.what), el("th", { scope: "col" }, WORDS.length))), el("tbody", {}, ...body)),
    );
  }

  function render() {
    const rows = timed();
    list.replaceChildren(...rows.map(planRow));
    emptyNote.hidden = rows.length > 0;
    total.textContent = WORDS.total(duration(totalMinutes()), plan.start, endClock());
    if (document.activeElement !== titleInput) titleInput.value = plan.title;
    if (document.activeElement !== startInput) startInput.value = plan.start;
    printAgenda(rows);
  }

  /* ------------------------------------------------------------ files */

  function exportYaml() {
    const q = (text) => JSON.stringify(text); // a JSON string is a valid YAML double-quoted one
    const lines = [
      `# ${WORDS.exportNote}`,
      `id: ${slug(plan.title)}`,
      `title: ${q(plan.title)}`,
    ];
    if (plan.start) lines.push(`start: ${q(plan.start)}`);
    lines.push("items:");
    for (const item of plan.items) {
      if (item.type === "activity") {
        lines.push(`  - activity: ${item.id}`);
        if (item.minutes !== ACTIVITIES.get(item.id).minutes) lines.push(`    minutes: ${item.minutes}`);
      } else if (item.type === "break") {
        lines.push(`  - break: ${item.minutes}`);
      } else {
        lines.push(`  - item: ${q(item.title)}`, `    minutes: ${item.minutes}`);
      }
    }
    download(new Blob([lines.join("\n") + "\n"], { type: "text/yaml" }), `${slug(plan.title)}.yml`);
  }

  function openFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE) {
      announce(WORDS.badFile);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      let opened = null;
      try {
        const raw = JSON.parse(String(reader.result));
        opened = raw && raw.format === FORMAT ? checked(raw) : null;
      } catch {
        opened = null;
      }
      if (!opened) {
        announce(WORDS.badFile);
        return;
      }
      plan = opened;
      changed(WORDS.opened(plan.items.length));
    };
    reader.readAsText(file);
  }

  /* ------------------------------------------------------------ build it */

  const addHeading = el("h2", { id: "guide-planner-add-heading", tabindex: "-1" }, WORDS.add);
  const activityList = el(
    "ul",
    { class: "guide-planner-activities" },
    ...DATA.activities.map((a) =>
      el(
        "li",
        {},
        el("button", { type: "button", class: "md-button guide-planner-add-activity", "data-activity": a.id, onclick: () => add({ type: "activity", id: a.id, minutes: a.minutes }) }, WORDS.addActivity(a.title)),
        el("span", { class: "guide-planner-note" }, ` ${duration(a.minutes)}`),
      ),
    ),
  );
  const breakInput = el("input", { type: "number", id: "guide-planner-break", min: "1", max: "240", value: "15" });
  const ownInput = el("input", { type: "text", id: "guide-planner-own", maxlength: "200", value: WORDS.ownDefault });
  const ownMinutes = el("input", { type: "number", id: "guide-planner-own-minutes", min: "1", max: "600", value: "10" });
  const fileInput = el("input", { type: "file", id: "guide-planner-file", accept: ".json,application/json", onchange: (e) => openFile(e.target.files[0]) });
  const published = el("select", { id: "guide-planner-published" }, ...DATA.sessions.map((s) => el("option", { value: s.id }, s.title)));

  titleInput.addEventListener("change", () => {
    plan.title = clean(titleInput.value) || WORDS.defaultTitle;
    changed("");
  });
  startInput.addEventListener("change", () => {
    const value = startInput.value;
    plan.start = /^([01]?\d|2[0-3]):[0-5]\d$/.test(value) ? clockAt(value, 0) : "";
    changed(plan.start ? WORDS.changedStart(plan.start, endClock()) : "");
  });

  const ui = el(
    "div",
    { class: "guide-planner-ui" },
    el(
      "section",
      { class: "guide-planner-settings", "aria-labelledby": "guide-planner-settings-heading" },
      el("h2", { id: "guide-planner-settings-heading" }, WORDS.settings),
      el("p", {}, el("label", { for: "guide-planner-title" }, WORDS.titleLabel), titleInput),
      el("p", {}, el("label", { for: "guide-planner-start" }, WORDS.startLabel), startInput),
    ),
    el(
      "section",
      { class: "guide-planner-add", "aria-labelledby": "guide-planner-add-heading" },
      addHeading,
      el("h3", {}, WORDS.activities),
      activityList,
      el("h3", {}, WORDS.breakTitle),
      el("p", {}, el("label", { for: "guide-planner-break" }, WORDS.breakLabel), breakInput, el("button", { type: "button", class: "md-button guide-planner-add-break", onclick: () => add({ type: "break", minutes: wholeMinutes(breakInput.value, 15) }) }, WORDS.addBreak)),
      el("h3", {}, WORDS.ownLabel),
      el(
        "p",
        {},
        el("label", { for: "guide-planner-own" }, WORDS.ownLabel),
        ownInput,
        el("label", { for: "guide-planner-own-minutes" }, WORDS.ownMinutes),
        ownMinutes,
        el("button", { type: "button", class: "md-button guide-planner-add-own", onclick: () => clean(ownInput.value) && add({ type: "item", title: clean(ownInput.value), minutes: wholeMinutes(ownMinutes.value, 10) }) }, WORDS.addOwn),
      ),
    ),
    el(
      "section",
      { class: "guide-planner-list", "aria-labelledby": "guide-planner-plan-heading" },
      el("h2", { id: "guide-planner-plan-heading" }, WORDS.plan),
      total,
      el("p", { class: "guide-planner-help" }, WORDS.help),
      emptyNote,
      list,
    ),
    el(
      "section",
      { class: "guide-planner-files", "aria-labelledby": "guide-planner-files-heading" },
      el("h2", { id: "guide-planner-files-heading" }, WORDS.keep),
      el(
        "p",
        {},
        el("button", { type: "button", class: "md-button guide-planner-print-button", onclick: () => window.print() }, WORDS.print),
        el("button", { type: "button", class: "md-button guide-planner-save", onclick: () => download(new Blob([JSON.stringify(plan, null, 1) + "\n"], { type: "application/json" }), `${slug(plan.title)}.json`) }, WORDS.save),
        el("button", { type: "button", class: "md-button guide-planner-export", onclick: exportYaml }, WORDS.exportYaml),
        el("button", { type: "button", class: "md-button guide-planner-clear", onclick: () => { plan.items = []; changed(WORDS.cleared, () => addHeading.focus()); } }, WORDS.clear),
      ),
      el("p", {}, el("label", { for: "guide-planner-file" }, WORDS.open), fileInput),
      DATA.sessions.length
        ? el(
            "p",
            {},
            el("label", { for: "guide-planner-published" }, WORDS.startFrom),
            published,
            el("button", {
              type: "button",
              class: "md-button guide-planner-use",
              onclick: () => {
                const chosen = DATA.sessions.find((s) => s.id === published.value);
                if (!chosen) return;
                plan = checked({ ...chosen, items: chosen.items.map((i) => ({ ...i, minutes: i.minutes ?? undefined })) });
                changed(WORDS.loaded(chosen.title));
              },
            }, WORDS.startFromButton),
          )
        : null,
    ),
    status,
  );

  ROOT.querySelector(".guide-planner-fallback").hidden = true;
  ROOT.append(ui, printable);
  document.body.classList.add("guide-planner-page");
  render();
})();
