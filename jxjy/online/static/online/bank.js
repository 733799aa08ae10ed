/* The question bank: deleting asks first (a form marked data-confirm). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
