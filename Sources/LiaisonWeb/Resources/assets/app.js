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
});

// An activity's end day follows its start day while they were the same (or the end would come first), so
// moving a one-day meeting does not make it span several days.
function keepEndWithStart(start, end) {
  if (!start || !end) return;
  let previous = start.value;
  start.addEventListener("change", () => {
    if (end.value === previous || end.value === "" || end.value < start.value) end.value = start.value;
    previous = start.value;
  });
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
        option.value = item.name;
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
