// Bulk actions: a "select all on this page" checkbox for each form with [data-bulk].
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-bulk]").forEach((form) => {
    const all = form.querySelector("input[data-select-all]");
    const rows = () => form.querySelectorAll('input[type=checkbox][name="ids"]');
    const count = form.querySelector("[data-selected-count]");
    const refresh = () => {
      const checked = [...rows()].filter((box) => box.checked).length;
      if (count) count.textContent = String(checked);
      if (all) all.checked = checked > 0 && checked === rows().length;
    };
    if (all) all.addEventListener("change", () => { rows().forEach((box) => { box.checked = all.checked; }); refresh(); });
    rows().forEach((box) => box.addEventListener("change", refresh));
    refresh();
  });
});
