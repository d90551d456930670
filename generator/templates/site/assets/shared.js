/* guidegen: the small helpers the site's own scripts share (the three circles, the planner).

   Loaded before either script, from the site and from the offline copy (file://), as a plain
   <script src>: no modules, no build step, no network. Text only ever becomes text nodes. */
(() => {
  "use strict";

  /** An element with attributes and children; strings become text nodes, never markup. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
    return node;
  }

  /** One line of plain text: control characters and runs of spaces become single spaces;
      at most `max` characters when a limit is given. */
  function clean(text, max) {
    const line = String(text ?? "")
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return max === undefined ? line : line.slice(0, max);
  }

  /** t(message, values) and tn(num, one, other, values) over one script's words (its data.js
      holds the guide's wording of each message), with %(name)s placeholders filled in. */
  function messages(words) {
    const table = words || {};
    function t(message, values) {
      const text = Object.prototype.hasOwnProperty.call(table, message) ? table[message] : message;
      return text.replace(/%\((\w+)\)s/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
    }
    /** The message for a count: `one` for 1, `other` for any other number. */
    function tn(num, one, other, values) {
      return t(num === 1 ? one : other, { num, ...values });
    }
    return { t, tn };
  }

  /** Saves a Blob as a file the browser downloads. The address is freed a minute later:
      some browsers still read it after click() returns. */
  function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  window.guidegenShared = Object.freeze({ el, clean, messages, download });
})();
