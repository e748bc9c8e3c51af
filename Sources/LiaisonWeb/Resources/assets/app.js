// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The directory's filters apply as soon as a choice changes.
  const filters = document.querySelector("form.filters");
  if (filters) {
    filters.querySelectorAll("select").forEach((select) => {
      select.addEventListener("change", () => filters.requestSubmit());
    });
  }
  // On a narrow screen the directory's filters start folded, unless one of them is wrong.
  const fold = document.querySelector("details.filters-fold");
  if (fold && window.matchMedia("(max-width: 40rem)").matches && !document.querySelector("[role=alert]")) {
    fold.open = false;
  }
  const box = document.getElementById("global-search");
  const list = document.getElementById("global-search-results");
  if (box && list) searchAsYouType(box, list);
  document.querySelectorAll("input[name$='.organization'], input[name='place']").forEach(suggestOrganizations);
  document.querySelectorAll("textarea[name='addInPerson'], textarea[name='addVirtual']").forEach((box) => addByName(box, "organization"));
  document.querySelectorAll("textarea[name='addPeople']").forEach((box) => addByName(box, "person"));
  keepEndWithStart(document.querySelector("input[name='startDate']"), document.querySelector("input[name='endDate']"));
  document.querySelectorAll("input.copy-text").forEach(copyButton);
  document.querySelectorAll("fieldset[data-rows]").forEach(addRowsInPlace);
  fillBrowserZone(document.querySelector("form[action='/account/time-zone'] input[name='timeZone']"));
});

// A read-only address gets a button that copies it; without the script its text is there to select.
function copyButton(input) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary copy";
  button.textContent = input.dataset.copyLabel;
  input.after(button);
  input.addEventListener("focus", () => input.select());
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();  // a page without clipboard access: the older way
      document.execCommand("copy");
    }
    button.textContent = input.dataset.copiedLabel;
    setTimeout(() => { button.textContent = input.dataset.copyLabel; }, 2000);
  });
}

// A list of rows (positions, channels, languages) gets its "Add another" row in place: the last row is cloned
// blank and its fields renumbered (positions[3].title), without sending the form. A ticked "remove" box
// dims its row; the row goes when the form is saved.
function addRowsInPlace(fieldset) {
  const prefix = fieldset.dataset.rows;
  const max = Number(fieldset.dataset.max);
  const button = fieldset.querySelector("button.add-row");
  const rows = () => fieldset.querySelectorAll(":scope > .row");
  fieldset.addEventListener("change", (event) => {
    if (event.target.name?.endsWith(".remove")) event.target.closest(".row").classList.toggle("removed", event.target.checked);
  });
  if (!button) return;
  // No longer a submit button, so that Enter in a field saves the form rather than adding a row.
  button.type = "button";
  const number = new RegExp(`^(f-)?${prefix}([\\[-])\\d+`);
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const all = rows();
    const last = all[all.length - 1];
    const index = all.length;
    const row = last.cloneNode(true);
    row.classList.remove("removed");
    row.querySelectorAll("datalist[id$='-list'], .error").forEach((node) => node.remove());
    row.querySelectorAll(".has-error").forEach((node) => node.classList.remove("has-error"));
    row.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach((node) => {
      for (const attribute of ["id", "for", "name"]) {
        const value = node.getAttribute(attribute);
        if (value) node.setAttribute(attribute, value.replace(number, (_, f, sep) => `${f ?? ""}${prefix}${sep}${index}`).replace(/^(f-preferredChannel-)\d+$/, `$1${index}`));
      }
      node.removeAttribute("aria-invalid");
      node.removeAttribute("aria-describedby");
      if (node.type === "radio") node.value = String(index);
      if (node.matches("input[type=checkbox], input[type=radio]")) node.checked = false;
      else if (node.tagName === "SELECT") node.selectedIndex = 0;
      else if (node.matches("input, textarea")) node.value = "";
    });
    last.after(row);
    row.querySelectorAll("input[name$='.organization']").forEach((input) => {
      input.removeAttribute("list");
      suggestOrganizations(input);
    });
    row.querySelector("input, select")?.focus();
    if (index + 1 >= max) {
      const full = document.createElement("p");
      full.className = "hint rows-full";
      full.textContent = fieldset.dataset.full;
      button.replaceWith(full);
    }
  });
}

// An empty time zone box takes the browser's zone, to be saved with the form.
function fillBrowserZone(input) {
  if (!input || input.value !== "") return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) input.value = zone;
}


// An activity's end day follows its start day while the end is empty or was filled in for the person (by
// this script, or by the form as the start's own day), so moving a one-day meeting does not make it span
// several days. The day is set, never added to; and a person who then types in End replaces what was filled
// in rather than typing after it ("2026-12-08" twice must not become "2026-12-082026-12-08").
function keepEndWithStart(start, end) {
  if (!start || !end) return;
  let filled = end.value === "" || end.value === start.value;
  start.addEventListener("change", () => {
    if (filled || end.value === "") {
      end.value = start.value;
      filled = true;
    }
  });
  end.addEventListener("focus", () => { if (filled) end.select(); });
  end.addEventListener("beforeinput", (event) => {
    if (filled && event.inputType.startsWith("insert")) end.value = "";
  });
  end.addEventListener("input", () => { filled = end.value === ""; });
}

// A box of names to add gets a search field above it: each name picked from the suggestions is added to the
// box as a line of its own, so twenty cities are chosen in twenty quick picks.
function addByName(box, kind) {
  const field = document.createElement("input");
  field.type = "search";
  field.id = `${box.id}-pick`;
  field.placeholder = kind === "person" ? "Find a person…" : "Find an organization…";
  field.setAttribute("aria-label", `${box.labels[0]?.textContent ?? ""}: search`);
  field.className = "picker";
  const list = document.createElement("datalist");
  list.id = `${box.id}-picks`;
  field.setAttribute("list", list.id);
  box.before(field, list);
  let timer = null;
  const add = (name) => {
    const names = box.value.split(/[\n,;]/).map((line) => line.trim()).filter(Boolean);
    if (!names.includes(name)) box.value = [...names, name].join("\n");
    field.value = "";
    list.replaceChildren();
  };
  field.addEventListener("input", () => {
    clearTimeout(timer);
    const text = field.value.trim();
    if ([...list.options].some((option) => option.value === text)) { add(text); return; }
    if (text.length < 2) return;
    timer = setTimeout(async () => {
      const items = (await search(text, 10)).filter((item) => item.kind === kind);
      list.replaceChildren(...items.map((item) => {
        const option = document.createElement("option");
        option.value = kind === "person" ? personEntry(item) : item.name;
        option.label = [item.nativeName, item.detail].filter(Boolean).join(" · ");
        return option;
      }));
    }, 150);
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (field.value.trim()) add(field.value.trim());
    }
  });
}

// A person picked from the suggestions carries their id, so that two people with one name are told apart:
// "LIU Yang (Deputy Director · Qingdao) #123". Commas and semicolons would split the box's lines.
function personEntry(item) {
  const detail = (item.detail ?? "").replace(/[,;，、\n]\s*/g, " · ");
  return `${item.name}${detail ? ` (${detail})` : ""} #${item.id}`;
}

// Asks the search endpoint for the best matches of what is typed so far.
async function search(text, limit) {
  const response = await fetch(`/api/v1/search?limit=${limit}&q=${encodeURIComponent(text)}`, {
    headers: { Accept: "application/json" }, credentials: "same-origin",
  });
  if (!response.ok) return [];
  return (await response.json()).items;
}

// The header's search box as a combobox: suggestions as you type, arrow keys to move, Enter to open,
// Escape to close. Submitting the form still leads to the full results page.
function searchAsYouType(box, list) {
  let active = -1;
  let timer = null;
  let latest = 0;
  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    all.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0) box.setAttribute("aria-activedescendant", all[index].id);
  };
  const show = (items) => {
    list.replaceChildren(...items.map((item, index) => {
      const option = document.createElement("li");
      option.id = `global-search-option-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      const link = document.createElement("a");
      link.href = item.url;
      link.tabIndex = -1;
      link.textContent = item.name;
      option.append(link);
      if (item.nativeName) {
        const native = document.createElement("span");
        native.className = "native";
        native.textContent = ` ${item.nativeName}`;
        option.append(native);
      }
      const detail = document.createElement("span");
      detail.className = "muted";
      detail.textContent = ` ${item.kind === "person" ? "Person" : "Organization"}${item.detail ? " · " + item.detail : ""}`;
      option.append(detail);
      option.addEventListener("mousedown", (event) => { event.preventDefault(); window.location = item.url; });
      return option;
    }));
    list.hidden = items.length === 0;
    box.setAttribute("aria-expanded", items.length ? "true" : "false");
    active = -1;
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    const text = box.value.trim();
    if (!text) { close(); return; }
    timer = setTimeout(async () => {
      const ticket = ++latest;
      const items = await search(text, 8);
      if (ticket === latest) show(items);  // an older answer arriving late is dropped
    }, 120);
  });
  box.addEventListener("keydown", (event) => {
    const all = options();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      list.hidden = false;
      highlight((active + 1) % all.length);
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      highlight(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location = all[active].querySelector("a").href;
    } else if (event.key === "Escape") {
      close();
    }
  });
  box.addEventListener("blur", () => setTimeout(close, 150));
}

// A position's organization field offers the directory's organizations as you type.
function suggestOrganizations(input) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-list`;
  input.after(list);
  input.setAttribute("list", list.id);
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(async () => {
      const items = (await search(text, 10)).filter((item) => item.kind === "organization");
      list.replaceChildren(...items.map((item) => {
        const option = document.createElement("option");
        option.value = item.name;
        if (item.nativeName) option.label = `${item.name} ${item.nativeName}`;
        return option;
      }));
    }, 150);
  });
}
