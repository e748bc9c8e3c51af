// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The directory's filters apply as soon as a choice changes.
  const filters = document.querySelector("form.filters");
  if (filters) {
    filters.querySelectorAll("select").forEach((select) => {
      select.addEventListener("change", () => filters.requestSubmit());
    });
  }
});
