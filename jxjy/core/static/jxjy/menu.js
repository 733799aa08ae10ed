// Phone layout: the 菜单 button opens and closes the menu panel (CSP: no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("menu-toggle");
  const bar = button && button.closest(".topbar");
  if (!button || !bar) return;
  button.addEventListener("click", () => {
    const open = bar.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
});
