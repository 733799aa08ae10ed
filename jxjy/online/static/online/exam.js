/* The exam page: a countdown from the server's deadline, answers saved as they are given. */
(function () {
  "use strict";
  const form = document.getElementById("paper");
  const clock = document.getElementById("remaining");
  const state = document.getElementById("save-state");
  if (!form || !clock) return;
  const csrf = decodeURIComponent((document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "");
  let endsAt = Date.now();
  let submitted = false;

  function render() {
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    clock.textContent = String(Math.floor(left / 60)).padStart(2, "0") + ":" + String(left % 60).padStart(2, "0");
    if (left <= 0 && !submitted) { submitted = true; form.submit(); }
  }

  fetch(clock.dataset.url, { credentials: "same-origin" }).then((r) => r.json()).then((data) => {
    endsAt = Date.now() + data.remaining_seconds * 1000;  // the server's clock, not the browser's
    render();
    setInterval(render, 1000);
  });

  form.addEventListener("change", (event) => {
    const box = event.target.closest(".question");
    if (!box) return;
    const qid = box.dataset.qid;
    const choice = Array.from(box.querySelectorAll("input:checked")).map((i) => parseInt(i.value, 10));
    state.textContent = "正在保存…";
    fetch(form.dataset.answerUrl + "/" + qid, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ choice: choice }),
    }).then((r) => r.json().then((data) => {
      if (r.ok) { state.textContent = "已保存"; endsAt = Date.now() + data.remaining_seconds * 1000; }
      else { state.textContent = data.detail || "保存失败"; }
    })).catch(() => { state.textContent = "网络中断，恢复后请重新选择"; });
  });
  form.addEventListener("submit", () => { submitted = true; });
})();
