// Verification roster: asks before a person short of the year's requirement is marked 验证通过.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches("form.decide[data-short]")) return;
  const decision = form.querySelector("select[name=decision]");
  if (decision && decision.value === "verify" && !window.confirm(form.dataset.short)) {
    event.preventDefault();
  }
});
