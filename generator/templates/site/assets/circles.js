/* guidegen: the interactive three circles on an activity page.

   Progressive enhancement: the page already shows the static diagram and the instructions.
   This script adds, above them, a diagram a group can fill in together on one screen.
   Plain JavaScript with no build step and no network: everything it loads is a local
   <script src>, which also works from file:// (fetch() of a local file does not).
   Note text only ever reaches the page through text nodes, never as HTML. */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const HERE = new URL(".", SCRIPT.src);
  const FORMAT = "guidegen-three-circles";
  const MAX_NOTES = 100;
  const MAX_TEXT = 100; // characters in one note: a sticky note, not a paragraph
  const MAX_FILE = 200000; // bytes; a saved copy of 100 full notes is about 15 kB
  const SCALES = [1, 0.9, 0.8, 0.7]; // note sizes tried, largest first, until every note fits
  const GAP = 4; // px between notes in a row

  /* ------------------------------------------------------------ small helpers */

  const { el, clean, download } = window.guidegenShared; // shared.js, loaded first
  const WORDS = window.GUIDEGEN_WORDS || {};
  /* t(): an interface message in the guide's language (site/circles.py writes them into data.js). */
  const { t, tn } = window.guidegenShared.messages(WORDS);

  function quoted(text) {
    return `“${text}”`;
  }

  /* Scripts pdf-lib cannot write in a field: it draws a font's glyphs one by one, left to right,
     unjoined, so right-to-left text (Arabic, Urdu, Hebrew, Syriac, Thaana, N'Ko) would come out
     backwards and letters that change shape or order (the Indic scripts, Thai, Lao, Tibetan,
     Myanmar, Khmer, Mongolian, the scripts of Java, Bali and Sulawesi, Sylheti Nagri, Chakma,
     Adlam, Hanifi Rohingya...) wrong. Such notes are never written into the handout: printing the
     page is offered instead, where the browser lays them out itself. Blocks, not \p{Script=...}:
     a script name newer than the reader's browser would stop the whole script. */
  const NEEDS_SHAPING = new RegExp("[" + [
    "\u0590-\u08ff", // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
    "\u0900-\u0dff", // the Indic scripts, Devanagari to Sinhala
    "\u0e00-\u109f", // Thai, Lao, Tibetan, Myanmar
    "\u1780-\u18af", // Khmer, Mongolian
    "\u1900-\u1aaf", // Limbu, Tai Le, New Tai Lue, Khmer symbols, Buginese, Tai Tham
    "\u1b00-\u1c4f", // Balinese, Sundanese, Batak, Lepcha
    "\ua800-\ua82f", // Syloti Nagri
    "\ua880-\ua8ff", // Saurashtra, Devanagari Extended
    "\ua900-\uaaff", // Kayah Li, Rejang, Javanese, Myanmar Extended, Cham, Tai Viet, Meetei Mayek Extensions
    "\uabc0-\uabff", // Meetei Mayek
    "\ufb1d-\ufdff\ufe70-\ufefc", // Hebrew and Arabic presentation forms
    "\u{10800}-\u{10fff}", // right-to-left scripts (Hanifi Rohingya, Yezidi...)
    "\u{11000}-\u{11fff}", // Brahmi's descendants (Chakma, Sharada, Grantha, Newa, Takri, Ahom...)
    "\u{1e800}-\u{1efff}", // Mende Kikakui, Adlam, Arabic mathematical letters
  ].join("") + "]", "u");

  function needsShaping(text) {
    return NEEDS_SHAPING.test(text);
  }

  function loadScript(path) {
    return new Promise((resolve, reject) => {
      const script = el("script", { src: new URL(path, HERE).href });
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error(t("A file of the website is missing: %(path)s.", { path }))));
      document.head.append(script);
    });
  }

  function base64Bytes(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /* ------------------------------------------------------------ geometry */

  /** Circle radii (centre first) and ring-label positions, read from the page's own diagram. */
  function readGeometry(svg, count) {
    const box = svg.viewBox.baseVal;
    const radii = [...svg.querySelectorAll("circle")].map((c) => c.r.baseVal.value).sort((a, b) => a - b);
    const labels = [...svg.querySelectorAll("text")]
      .map((t) => ({ y: Number(t.getAttribute("y")), size: Number(t.getAttribute("font-size")) }))
      .sort((a, b) => b.y - a.y); // the centre's label is the lowest
    if (!box || !box.width || radii.length !== count || labels.length !== count) return null;
    return { size: box.width, radii, labels };
  }

  /** The parts of a horizontal band [top, bottom] inside a ring; x from the centre, in px. */
  function bandSpans(top, bottom, rIn, rOut, minWidth) {
    const farY = Math.max(Math.abs(top), Math.abs(bottom));
    const nearY = top <= 0 && bottom >= 0 ? 0 : Math.min(Math.abs(top), Math.abs(bottom));
    if (farY >= rOut) return [];
    const xOut = Math.sqrt(rOut * rOut - farY * farY);
    if (rIn === 0 || nearY >= rIn) return [[-xOut, 2 * xOut]];
    const xIn = Math.sqrt(rIn * rIn - nearY * nearY);
    if (xOut - xIn < minWidth) return [];
    return [[-xOut, xOut - xIn], [xIn, xOut - xIn]];
  }

  /** Rows of room for notes in each ring, below its label: the handout's writing lines, on screen. */
  function ringSlots(geometry, scale, rowHeight) {
    const inset = 1.5 * scale;
    return geometry.radii.map((radius, ring) => {
      const rOut = radius * scale - inset;
      const rIn = ring === 0 ? 0 : geometry.radii[ring - 1] * scale + inset;
      const label = geometry.labels[ring];
      let top = (label.y - geometry.size / 2 + label.size * 0.3) * scale + GAP;
      const slots = [];
      for (; top + rowHeight <= rOut; top += rowHeight) {
        // A row across the bottom of the inner circle would be cut in two: start it just below.
        if (rIn > 0 && top < rIn && top + rowHeight > rIn) top = rIn;
        if (top + rowHeight > rOut) break;
        for (const [x, width] of bandSpans(top, top + rowHeight, rIn, rOut, 24)) {
          slots.push({ x, y: top, width, used: 0, chips: [] });
        }
      }
      return slots;
    });
  }

  /* ------------------------------------------------------------ saved copies */

  class CopyProblem extends Error {}

  /** Notes from a saved copy (or this browser's storage), checked thoroughly: it may be anything. */
  function readCopy(data, config) {
    const wrong = t("This file is not a saved copy of the three circles.");
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      throw new CopyProblem(wrong);
    }
    if (data.activity !== config.activity) throw new CopyProblem(t("This copy is from a different activity."));
    if (!Array.isArray(data.notes)) throw new CopyProblem(wrong);
    if (data.notes.length > MAX_NOTES) throw new CopyProblem(t("A copy can hold %(max)s notes at most.", { max: MAX_NOTES }));
    return data.notes.map((note) => {
      const ok = note && typeof note.text === "string" && Number.isInteger(note.ring);
      if (!ok || note.ring < 0 || note.ring >= config.rings.length) throw new CopyProblem(wrong);
      const text = clean(note.text);
      if (!text || text.length > MAX_TEXT) {
        throw new CopyProblem(t("Each note must have some text and at most %(max)s characters.", { max: MAX_TEXT }));
      }
      return { text, ring: note.ring };
    });
  }

  /* ------------------------------------------------------------ filling the handout */

  function ringFields(fields, prefix) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const numbered = new RegExp(`^${escaped}_\\d+$`);
    return fields
      .filter((field) => field.getName() === prefix || numbered.test(field.getName()))
      .sort((a, b) => a.getName().localeCompare(b.getName(), "en", { numeric: true }));
  }

  /** [field, text] pairs: one note per line; a single field (the centre) or the last line takes the rest. */
  function spread(texts, fields) {
    if (!texts.length) return [];
    if (fields.length === 1) return [[fields[0], texts.join(fields[0].isMultiline() ? "\n" : "; ")]];
    const pairs = texts.slice(0, fields.length - 1).map((text, i) => [fields[i], text]);
    const rest = texts.slice(fields.length - 1);
    if (rest.length) pairs.push([fields[fields.length - 1], rest.join("; ")]);
    return pairs;
  }

  async function fillHandout(base64, fontsBase64, config, textsByRing) {
    const PDFLib = window.PDFLib;
    const { PDFDocument, PDFTextField, PDFName, PDFBool, PDFHexString } = PDFLib;
    const doc = await PDFDocument.load(base64Bytes(base64));
    doc.registerFontkit(window.fontkit);
    // The guide's fonts in its order (Atkinson Hyperlegible Next, then those under `fonts:`).
    const files = fontsBase64.map((data) => base64Bytes(data));
    const sets = files.map((bytes) => new Set(window.fontkit.create(bytes).characterSet));
    const embedded = new Map();
    // The whole font, not a subset: a viewer redrawing a field someone edits later needs every letter.
    const embed = async (index) => {
      if (!embedded.has(index)) embedded.set(index, await doc.embedFont(files[index], { subset: false }));
      return embedded.get(index);
    };
    const form = doc.getForm();
    const fields = form.getFields().filter((field) => field instanceof PDFTextField);
    const values = [];
    config.rings.forEach((ring, index) => {
      const mine = ringFields(fields, ring.field);
      if (!mine.length) throw new Error(t("The handout has no spaces for %(ring)s.", { ring: ring.label }));
      for (const [field, text] of spread(textsByRing[index], mine)) values.push([field, text]);
    });
    for (const field of fields) uprightRectangles(field);
    const chosen = values.map(([field, text]) => fontFor(text, sets));
    values.forEach(([field, text], i) => field.setText(drawable(text, sets[chosen[i]])));
    form.updateFieldAppearances(await embed(0));
    // A note the first font cannot draw whole is drawn in the first of the guide's fonts that can.
    for (const [i, [field]] of values.entries()) if (chosen[i] > 0) field.updateAppearances(await embed(chosen[i]));
    // The appearance shows "?" for what no font has; the value keeps the note exactly as typed.
    for (const [field, text] of values) field.acroField.setValue(PDFHexString.fromText(text));
    for (const font of embedded.values()) registerFont(form.acroForm.dict, font, PDFLib);
    form.acroForm.dict.set(PDFName.of("NeedAppearances"), PDFBool.True);
    return doc.save({ updateFieldAppearances: false });
  }

  /** WeasyPrint writes a textarea's /Rect bottom edge first (y1 > y2); viewers that redraw fields
      put that right, but pdf-lib then draws its appearance below the box, where nothing shows. */
  function uprightRectangles(field) {
    for (const widget of field.acroField.getWidgets()) {
      const { x, y, width, height } = widget.getRectangle();
      if (height < 0) widget.setRectangle({ x, y: y + height, width, height: -height });
    }
  }

  /** The first font that has every letter of text, else the one that has the most. */
  function fontFor(text, sets) {
    const letters = Array.from(text).filter((char) => char !== "\n").map((char) => char.codePointAt(0));
    const counts = sets.map((set) => letters.filter((code) => set.has(code)).length);
    const whole = counts.findIndex((count) => count === letters.length);
    return whole >= 0 ? whole : counts.indexOf(Math.max(...counts));
  }

  /** text with "?" for each character the font has no glyph for (emoji, Greek): drawing it
      would show an empty box, or nothing. Line breaks stay, for the centre's multi-line box. */
  function drawable(text, known) {
    return Array.from(text, (char) => (char === "\n" || known.has(char.codePointAt(0)) ? char : "?")).join("");
  }

  /** The fields now name pdf-lib's font; list it in the form's resources so viewers can find it. */
  function registerFont(acroForm, font, { PDFDict, PDFName }) {
    let resources = acroForm.lookup(PDFName.of("DR"));
    if (!(resources instanceof PDFDict)) {
      resources = acroForm.context.obj({});
      acroForm.set(PDFName.of("DR"), resources);
    }
    let fonts = resources.lookup(PDFName.of("Font"));
    if (!(fonts instanceof PDFDict)) {
      fonts = acroForm.context.obj({});
      resources.set(PDFName.of("Font"), fonts);
    }
    fonts.set(PDFName.of(font.name), font.ref);
  }

  /* ------------------------------------------------------------ the diagram */

  function start() {
    const config = (window.GUIDEGEN_CIRCLES || {})[SCRIPT.dataset.activity];
    const figure = document.querySelector("figure.guide-diagram");
    const svg = figure && figure.querySelector("svg");
    const geometry = svg && config && readGeometry(svg, config.rings.length);
    if (geometry) new Circles(config, figure, svg, geometry).start();
  }

  class Circles {
    constructor(config, figure, svg, geometry) {
      this.config = config;
      this.figure = figure;
      this.geometry = geometry;
      this.notes = []; // {id, text, ring}, in the order they were placed
      this.lastId = 0;
      this.chips = []; // the notes' buttons on the board, centre first
      this.editing = null;
      this.storageKey = `guidegen:${config.guide}:${config.activity}:three-circles`;
      this.art = this.drawing(svg);
      this.root = this.build();
    }

    start() {
      this.figure.before(this.root);
      this.restore();
      this.render();
      new ResizeObserver(() => this.layout()).observe(this.board);
      if (document.fonts) document.fonts.ready.then(() => this.layout());
      window.addEventListener("afterprint", () => {
        document.documentElement.classList.remove("gc-printing");
        this.layout();
      });
    }

    ringName(index) {
      const ring = this.config.rings[index];
      return t("%(label)s (%(place)s)", { label: ring.label, place: ring.place });
    }

    /** The static diagram, copied as decoration: the notes and the lists carry the meaning. */
    drawing(svg) {
      const art = svg.cloneNode(true);
      for (const name of ["role", "aria-labelledby", "width", "height"]) art.removeAttribute(name);
      art.setAttribute("aria-hidden", "true");
      art.setAttribute("focusable", "false");
      art.querySelectorAll("title, desc").forEach((node) => node.remove());
      const circles = [...art.querySelectorAll("circle")];
      circles.sort((a, b) => a.r.baseVal.value - b.r.baseVal.value).forEach((c, i) => c.setAttribute("data-ring", i));
      return art;
    }

    build() {
      this.status = el("p", { class: "gc-status", role: "status", "aria-live": "polite" });
      this.layer = el("div", { class: "gc-layer" });
      this.board = el("div", { class: "gc-board", role: "group", "aria-label": t("The three circles with your notes") },
        this.art, this.layer);
      this.overflow = el("div", { class: "gc-overflow", hidden: true });
      this.lists = el("div", { class: "gc-lists" });
      this.file = el("input", { type: "file", accept: ".json,application/json", hidden: true,
        "aria-label": t("Open a saved copy"), onchange: () => this.openCopy() });
      this.dialog = this.buildDialog();
      const root = el("section", { class: "gc", "aria-labelledby": "gc-heading" },
        ...this.intro(), this.addForm(),
        this.status, this.board, this.overflow, this.tools(), this.file, this.lists, this.dialog);
      root.addEventListener("click", (event) => this.clicked(event));
      root.addEventListener("keydown", (event) => this.keyed(event));
      root.addEventListener("pointerdown", (event) => this.dragStart(event));
      return root;
    }

    intro() {
      return [
        el("h3", { id: "gc-heading" }, t("Fill in the circles on screen")),
        el("p", { class: "gc-print-title" }, this.config.title),
        el("p", {},
          t("Type %(a_note)s, choose a circle and press Add note. Drag a note to another circle, or move it with " +
            "the buttons in the lists below. The notes stay in this browser until you clear them.",
          { a_note: this.config.a_note })),
        el("p", { id: "gc-keys", class: "gc-keys" },
          t("On a note, press the up arrow to move it in towards the centre, the down arrow to move it out, " +
            "or Enter to edit or delete it.")),
      ];
    }

    addForm() {
      const options = this.config.rings.map((ring, i) => el("option", { value: i }, this.ringName(i)));
      this.text = el("input", { id: "gc-text", type: "text", maxlength: MAX_TEXT, autocomplete: "off" });
      this.choice = el("select", { id: "gc-ring" }, ...options);
      return el("form", { class: "gc-add", onsubmit: (event) => this.add(event) },
        el("span", { class: "gc-field" }, el("label", { for: "gc-text" }, this.config.note_label), this.text),
        el("span", { class: "gc-field" }, el("label", { for: "gc-ring" }, t("Circle")), this.choice),
        el("button", { type: "submit", class: "md-button md-button--primary" }, t("Add note")));
    }

    tools() {
      const button = (label, action) => el("button", { type: "button", class: "md-button", "data-tool": action }, label);
      return el("div", { class: "gc-tools" },
        button(t("Save a copy"), "save-copy"),
        button(t("Open a copy"), "open-copy"),
        button(t("Print the circles"), "print"),
        this.config.handout ? button(t("Download filled handout"), "handout") : null,
        button(t("Clear all"), "clear"));
    }

    buildDialog() {
      this.question = el("p", { id: "gc-dialog-text" });
      this.confirmButton = el("button", { type: "button", class: "md-button md-button--primary", value: "yes" });
      return el("dialog", { class: "gc-dialog", "aria-labelledby": "gc-dialog-text" },
        this.question,
        el("div", { class: "gc-dialog-buttons" },
          el("button", { type: "button", class: "md-button", value: "no" }, t("Cancel")),
          this.confirmButton));
    }

    /** A real modal dialog: Tab stays inside, Escape cancels. Resolves true when confirmed. */
    confirm(question, yes) {
      const opener = document.activeElement;
      this.question.textContent = question;
      this.confirmButton.textContent = yes;
      return new Promise((resolve) => {
        const done = (answer) => {
          this.dialog.removeEventListener("click", onClick);
          this.dialog.removeEventListener("cancel", onCancel);
          if (this.dialog.open) this.dialog.close();
          if (opener && opener.isConnected) opener.focus();
          resolve(answer);
        };
        const onClick = (event) => {
          const target = event.target.closest("button");
          if (target) done(target.value === "yes");
        };
        const onCancel = (event) => {
          event.preventDefault();
          done(false);
        };
        this.dialog.addEventListener("click", onClick);
        this.dialog.addEventListener("cancel", onCancel);
        this.dialog.showModal();
        this.dialog.querySelector("button[value='no']").focus(); // the safe choice
      });
    }

    say(message, problem) {
      this.status.textContent = problem ? t("Problem: %(message)s", { message }) : message;
      this.status.classList.toggle("gc-problem", Boolean(problem));
    }

    /* -------------------------------------------------------- state */

    newNote(text, ring) {
      this.lastId += 1;
      return { id: `n${this.lastId}`, text, ring };
    }

    inRing(ring) {
      return this.notes.filter((note) => note.ring === ring);
    }

    note(id) {
      return this.notes.find((note) => note.id === id);
    }

    snapshot() {
      return {
        format: FORMAT,
        version: 1,
        guide: this.config.guide,
        activity: this.config.activity,
        rings: this.config.rings.map((ring) => ring.label),
        notes: this.notes.map((note) => ({ text: note.text, ring: note.ring })),
      };
    }

    restore() {
      let saved = null;
      try {
        saved = window.localStorage.getItem(this.storageKey);
      } catch (error) {
        return; // storage switched off: the diagram still works, it just is not kept
      }
      if (!saved) return;
      try {
        this.notes = readCopy(JSON.parse(saved), this.config).map((n) => this.newNote(n.text, n.ring));
      } catch (error) {
        this.say(t("The notes kept in this browser could not be read, so the circles start empty."), true);
      }
    }

    /** Keep the notes in this browser; false when it refuses (private windows, storage switched off). */
    store() {
      try {
        if (this.notes.length) window.localStorage.setItem(this.storageKey, JSON.stringify(this.snapshot()));
        else window.localStorage.removeItem(this.storageKey);
        return true;
      } catch (error) {
        return false;
      }
    }

    /** After every change: keep it, redraw, announce it and put the focus where the person is working. */
    commit(message, focus) {
      const kept = this.store();
      this.render();
      if (!kept) this.say(`${message || ""} ${t("This browser cannot keep the notes: use Save a copy to keep them.")}`, true);
      else if (message) this.say(message);
      if (focus) this.focus(focus);
    }

    /* -------------------------------------------------------- drawing */

    render() {
      // Centre first, so Tab goes through the notes from the centre outwards.
      const ordered = this.config.rings.flatMap((ring, index) => this.inRing(index));
      this.chips = ordered.map((note) => this.chip(note));
      this.layer.replaceChildren(...this.chips);
      this.lists.replaceChildren(
        el("h4", { class: "gc-lists-heading" }, t("Notes in each circle")),
        ...this.config.rings.map((ring, index) => this.list(index)));
      this.layout();
    }

    chip(note) {
      return el("button", {
        type: "button",
        class: "gc-note",
        "data-note": note.id,
        "aria-describedby": `gc-ring-${note.ring} gc-keys`,
      }, note.text);
    }

    list(ring) {
      const notes = this.inRing(ring);
      const heading = el("h5", { id: `gc-ring-${ring}` }, this.ringName(ring));
      const count = el("p", { class: "gc-count" }, notes.length ? tn(notes.length, "%(num)s note", "%(num)s notes") : t("No notes"));
      const items = notes.length ? el("ul", {}, ...notes.map((note) => this.item(note))) : null;
      return el("div", { class: `gc-list gc-list-${ring}` }, heading, count, items);
    }

    item(note) {
      const last = this.config.rings.length - 1;
      const act = (action, label, name) =>
        el("button", { type: "button", class: "gc-act", "data-act": action, "aria-label": `${label}: ${name}` }, label);
      if (this.editing === note.id) return this.editor(note);
      return el("li", { "data-note": note.id },
        el("span", { class: "gc-text" }, note.text),
        el("span", { class: "gc-actions" },
          note.ring > 0 ? act("in", t("Move in"), t("%(note)s, to %(ring)s", { note: note.text, ring: this.config.rings[note.ring - 1].label })) : null,
          note.ring < last ? act("out", t("Move out"), t("%(note)s, to %(ring)s", { note: note.text, ring: this.config.rings[note.ring + 1].label })) : null,
          act("edit", t("Edit"), note.text),
          act("delete", t("Delete"), note.text)));
    }

    editor(note) {
      const input = el("input", { type: "text", class: "gc-edit", value: note.text, maxlength: MAX_TEXT,
        "aria-label": t("Edit the note %(note)s", { note: quoted(note.text) }) });
      return el("li", { "data-note": note.id, class: "gc-editing" },
        input,
        el("span", { class: "gc-actions" },
          el("button", { type: "button", class: "gc-act", "data-act": "save" }, t("Save")),
          el("button", { type: "button", class: "gc-act", "data-act": "cancel" }, t("Cancel"))));
    }

    /** Place every note in its ring, shrinking the notes a little if that is what it takes. */
    layout() {
      const width = this.board.clientWidth;
      if (!width) return;
      const chips = this.chips;
      for (const [i, scale] of SCALES.entries()) {
        this.board.style.setProperty("--gc-scale", scale);
        if (this.place(chips, width, i === SCALES.length - 1)) break;
      }
    }

    place(chips, width, lastTry) {
      this.layer.append(...chips);
      this.overflow.replaceChildren();
      chips.forEach((chip) => {
        chip.style.left = "0";
        chip.style.top = "0";
        chip.style.maxWidth = `${Math.round(width * 0.45)}px`;
      });
      const sizes = chips.map((chip) => chip.getBoundingClientRect());
      const rowHeight = Math.max(0, ...sizes.map((size) => size.height)) + GAP;
      const slots = ringSlots(this.geometry, width / this.geometry.size, rowHeight);
      const left = [];
      chips.forEach((chip, i) => {
        const ring = this.note(chip.dataset.note).ring;
        const chipWidth = sizes[i].width;
        const slot = slots[ring].find((s) => s.width - s.used >= chipWidth);
        if (slot) {
          slot.chips.push([chip, chipWidth]);
          slot.used += chipWidth + GAP;
        } else left.push([chip, ring, chipWidth]);
      });
      if (left.length && !lastTry) return false;
      for (const [chip, ring] of left) this.squeeze(chip, slots[ring]);
      this.position(slots.flat(), width, rowHeight);
      return true;
    }

    /** No row has room: use the widest empty one with the text cut short, or list it under the board. */
    squeeze(chip, slots) {
      const empty = slots.filter((slot) => !slot.chips.length).sort((a, b) => b.width - a.width)[0];
      if (empty) {
        chip.style.maxWidth = `${Math.floor(empty.width)}px`;
        empty.chips.push([chip, empty.width]);
        empty.used = empty.width + GAP;
      } else {
        chip.style.left = "";
        chip.style.top = "";
        this.overflow.append(chip);
      }
    }

    position(slots, width, rowHeight) {
      const centre = width / 2;
      for (const slot of slots) {
        let x = slot.x + (slot.width - (slot.used - GAP)) / 2;
        for (const [chip, chipWidth] of slot.chips) {
          const top = slot.y + (rowHeight - GAP - chip.getBoundingClientRect().height) / 2 + GAP / 2;
          chip.style.left = `${((centre + x) / width) * 100}%`;
          chip.style.top = `${((centre + top) / width) * 100}%`;
          x += chipWidth + GAP;
        }
      }
      const crowded = this.overflow.children.length > 0;
      this.overflow.hidden = !crowded;
      if (crowded) {
        this.overflow.prepend(el("p", {}, t("No room left in the circles for these notes. They are kept and listed below.")));
      }
    }

    /* -------------------------------------------------------- focus */

    focus(target) {
      const { id, where } = target;
      const scope = this.root;
      let node = null;
      if (where === "text") node = this.text;
      else if (where === "chip") node = scope.querySelector(`.gc-note[data-note="${id}"]`);
      else if (where === "editor") node = scope.querySelector(`li[data-note="${id}"] .gc-edit`);
      else {
        const item = scope.querySelector(`li[data-note="${id}"]`);
        node = item && (item.querySelector(`[data-act="${where}"]`) || item.querySelector("[data-act]"));
      }
      (node || this.text).focus();
      if (where === "editor" && node) node.select();
    }

    /* -------------------------------------------------------- actions */

    add(event) {
      event.preventDefault();
      const text = clean(this.text.value);
      const ring = Number(this.choice.value);
      if (!text) {
        this.say(t("Type %(a_note)s first, then press Add note.", { a_note: this.config.a_note }), true);
        this.text.focus();
        return;
      }
      if (this.notes.length >= MAX_NOTES) {
        this.say(t("The circles are full: %(max)s notes at most.", { max: MAX_NOTES }), true);
        return;
      }
      this.notes.push(this.newNote(text.slice(0, MAX_TEXT), ring));
      this.text.value = "";
      this.commit(t("Added %(note)s to %(ring)s.", { note: quoted(text), ring: this.ringName(ring) }), { where: "text" });
    }

    move(id, ring, where) {
      const note = this.note(id);
      if (ring < 0 || ring >= this.config.rings.length) {
        this.say(t("%(note)s is already in the %(place)s.", { note: quoted(note.text), place: this.config.rings[note.ring].place }));
        return;
      }
      if (ring === note.ring) return;
      this.notes.splice(this.notes.indexOf(note), 1);
      this.notes.push({ ...note, ring });
      this.commit(t("Moved %(note)s to %(ring)s.", { note: quoted(note.text), ring: this.ringName(ring) }), { id, where });
    }

    remove(id) {
      const note = this.note(id);
      const same = this.inRing(note.ring);
      const next = same[same.indexOf(note) + 1] || same[same.indexOf(note) - 1];
      this.notes = this.notes.filter((n) => n !== note);
      this.commit(t("Deleted %(note)s from %(ring)s.", { note: quoted(note.text), ring: this.ringName(note.ring) }),
        next ? { id: next.id, where: "delete" } : { where: "text" });
    }

    saveEdit(id, input) {
      const note = this.note(id);
      const text = clean(input.value).slice(0, MAX_TEXT);
      if (!text) {
        this.say(t("A note needs some text. To remove it, press Cancel and then Delete."), true);
        input.focus();
        return;
      }
      this.editing = null;
      const changed = text !== note.text;
      note.text = text;
      this.commit(changed ? t("Changed the note to %(note)s.", { note: quoted(text) }) : t("The note is unchanged."),
        { id, where: "edit" });
    }

    edit(id, on) {
      this.editing = on ? id : null;
      this.render();
      this.focus({ id, where: on ? "editor" : "edit" });
    }

    clicked(event) {
      const button = event.target.closest("button");
      if (!button || !this.root.contains(button) || this.dialog.contains(button)) return;
      const id = button.closest("[data-note]") && button.closest("[data-note]").dataset.note;
      const action = button.dataset.act || button.dataset.tool;
      if (button.classList.contains("gc-note")) {
        if (event.detail === 0) this.focus({ id, where: "edit" }); // Enter or Space; a mouse click just selects
        return;
      }
      const actions = {
        in: () => this.move(id, this.note(id).ring - 1, "in"),
        out: () => this.move(id, this.note(id).ring + 1, "out"),
        edit: () => this.edit(id, true),
        cancel: () => this.edit(id, false),
        save: () => this.saveEdit(id, button.closest("li").querySelector(".gc-edit")),
        delete: () => this.remove(id),
      };
      const tools = {
        "save-copy": () => this.saveCopy(),
        "open-copy": () => this.file.click(),
        print: () => this.print(),
        handout: () => this.downloadHandout(),
        clear: () => this.clearAll(),
      };
      const run = button.dataset.act ? actions[action] : tools[action];
      if (run) run();
    }

    keyed(event) {
      const target = event.target;
      if (target.classList.contains("gc-note")) {
        const note = this.note(target.dataset.note);
        const step = { ArrowUp: -1, ArrowDown: 1 }[event.key];
        if (step) {
          event.preventDefault();
          this.move(note.id, note.ring + step, "chip");
        }
      } else if (target.classList.contains("gc-edit")) {
        const id = target.closest("li").dataset.note;
        if (event.key === "Enter") {
          event.preventDefault();
          this.saveEdit(id, target);
        } else if (event.key === "Escape") {
          event.preventDefault();
          this.edit(id, false);
        }
      }
    }

    /* -------------------------------------------------------- dragging (mouse, touch and pen) */

    dragStart(event) {
      const chip = event.target.closest(".gc-note");
      if (!chip || (event.pointerType === "mouse" && event.button !== 0)) return;
      const drag = { chip, id: chip.dataset.note, x: event.clientX, y: event.clientY, moved: false, ring: null };
      chip.setPointerCapture(event.pointerId);
      const onMove = (e) => this.dragMove(drag, e);
      const onEnd = (e) => {
        chip.removeEventListener("pointermove", onMove);
        chip.removeEventListener("pointerup", onEnd);
        chip.removeEventListener("pointercancel", onEnd);
        this.dragEnd(drag, e.type === "pointerup");
      };
      chip.addEventListener("pointermove", onMove);
      chip.addEventListener("pointerup", onEnd);
      chip.addEventListener("pointercancel", onEnd);
    }

    dragMove(drag, event) {
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 6) return;
      drag.moved = true;
      drag.chip.classList.add("gc-dragging");
      drag.chip.style.transform = `translate(${dx}px, ${dy}px)`;
      drag.ring = this.ringAt(event.clientX, event.clientY);
      this.art.querySelectorAll("circle").forEach((circle) => {
        circle.classList.toggle("gc-target", Number(circle.dataset.ring) === drag.ring);
      });
    }

    dragEnd(drag, dropped) {
      this.art.querySelectorAll(".gc-target").forEach((circle) => circle.classList.remove("gc-target"));
      drag.chip.classList.remove("gc-dragging");
      drag.chip.style.transform = "";
      if (!drag.moved) return;
      const note = this.note(drag.id);
      if (dropped && drag.ring !== null && drag.ring !== note.ring) {
        this.move(drag.id, drag.ring, "chip");
      } else {
        drag.chip.focus();
        if (dropped && drag.ring === null) this.say(t("%(note)s stays where it was: drop notes inside the circles.", { note: quoted(note.text) }));
      }
    }

    /** Which ring a point on the screen is in, or null outside the circles. */
    ringAt(clientX, clientY) {
      const box = this.board.getBoundingClientRect();
      const scale = box.width / this.geometry.size;
      const distance = Math.hypot(clientX - box.left - box.width / 2, clientY - box.top - box.height / 2) / scale;
      const ring = this.geometry.radii.findIndex((radius) => distance <= radius);
      return ring === -1 ? null : ring;
    }

    /* -------------------------------------------------------- tools */

    saveCopy() {
      const name = `${this.config.activity}-circles.json`;
      const blob = new Blob([JSON.stringify(this.snapshot(), null, 2) + "\n"], { type: "application/json" });
      download(blob, name);
      this.say(t("Saved a copy as %(file)s. Look for it in your downloads.", { file: name }));
    }

    async openCopy() {
      const file = this.file.files && this.file.files[0];
      this.file.value = "";
      if (!file) return;
      let notes;
      try {
        if (file.size > MAX_FILE) throw new CopyProblem(t("This file is too big to be a saved copy of the circles."));
        let data;
        try {
          data = JSON.parse(await file.text());
        } catch (error) {
          throw new CopyProblem(t("This file is not a saved copy of the three circles."));
        }
        notes = readCopy(data, this.config);
      } catch (error) {
        this.say(error instanceof CopyProblem ? error.message : t("The file could not be read."), true);
        return;
      }
      const count = tn(notes.length, "%(num)s note", "%(num)s notes");
      if (this.notes.length) {
        const replace = await this.confirm(
          tn(this.notes.length, "Replace the note on screen with the %(count)s in %(file)s?",
            "Replace the %(num)s notes on screen with the %(count)s in %(file)s?", { count, file: file.name }),
          t("Replace the notes"));
        if (!replace) return;
      }
      this.notes = notes.map((n) => this.newNote(n.text, n.ring));
      this.editing = null;
      this.commit(t("Opened %(file)s: %(count)s.", { file: file.name, count }));
    }

    print() {
      document.documentElement.classList.add("gc-printing");
      this.layout();
      window.print();
    }

    async clearAll() {
      if (!this.notes.length) {
        this.say(t("There are no notes to clear."));
        return;
      }

      const sure = await this.confirm(
        tn(this.notes.length,
          "Clear the note from the circles? This cannot be undone. Use Save a copy first if you want to keep it.",
          "Clear all %(num)s notes from the circles? This cannot be undone. Use Save a copy first if you want to keep them."),
        t("Clear all notes"));
      if (!sure) {
        this.say(t("Nothing was cleared."));
        return;
      }
      this.notes = [];
      this.editing = null;
      this.commit(t("Cleared all the notes."), { where: "text" });
    }

    async downloadHandout() {
      if (this.busy) return;
      if (this.notes.some((note) => needsShaping(note.text))) {
        const print = quoted(t("Print the circles"));
        this.say(t("The filled handout cannot write notes in this script here, so it was not made. Use %(print)s instead: it prints the page with your notes.", { print }), true);
        this.root.querySelector('[data-tool="print"]').focus();
        return;
      }
      this.busy = true;
      this.say(t("Making the filled handout…"));
      try {
        if (!window.PDFLib) await loadScript("../pdf-lib/pdf-lib.min.js");
        if (!window.fontkit) await loadScript("../fontkit/fontkit.umd.min.js");
        if (!window.GUIDEGEN_HANDOUT_FONTS) await loadScript("handout-font.js");
        const handouts = () => window.GUIDEGEN_HANDOUTS || {};
        if (!handouts()[this.config.activity]) await loadScript(`handout-${this.config.activity}.js`);
        const texts = this.config.rings.map((ring, index) => this.inRing(index).map((note) => note.text));
        const blank = handouts()[this.config.activity];
        const bytes = await fillHandout(blank, window.GUIDEGEN_HANDOUT_FONTS, this.config, texts);
        download(new Blob([bytes], { type: "application/pdf" }), this.config.filename);
        this.say(t("Downloaded %(file)s, the handout with your notes written in.", { file: this.config.filename }));
      } catch (error) {
        this.say(`${t("The filled handout could not be made.")} ${error.message || ""}`, true);
      } finally {
        this.busy = false;
      }
    }
  }

  start();
})();
