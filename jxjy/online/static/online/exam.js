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
    if (left <= 0 && !submitted) { submitted = true; confirmAndSubmit(); }
  }

  fetch(clock.dataset.url, { credentials: "same-origin" }).then((r) => r.json()).then((data) => {
    endsAt = Date.now() + data.remaining_seconds * 1000;  // the server's clock, not the browser's
    render();
    setInterval(render, 1000);
  });

  // answers are saved one after another, in the order given, retried while the network is down
  let queue = Promise.resolve();
  function save(qid, choice, tries) {
    return fetch(form.dataset.answerUrl + "/" + qid, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ choice: choice }),
    }).then((r) => {
      if (r.status >= 500 && tries > 0) throw new Error("retry");
      return r.json().then((data) => {
        if (r.ok) { endsAt = Date.now() + data.remaining_seconds * 1000; return "已保存"; }
        return data.detail || "保存失败";
      });
    }).catch(() => {
      if (tries <= 0) return "网络中断，交卷时会再次提交全部作答";
      return new Promise((res) => setTimeout(res, 500)).then(() => save(qid, choice, tries - 1));
    });
  }
  let pending = 0;
  form.addEventListener("change", (event) => {
    const box = event.target.closest(".question");
    if (!box) return;
    const qid = box.dataset.qid;
    const choice = Array.from(box.querySelectorAll("input:checked")).map((i) => parseInt(i.value, 10));
    state.textContent = "正在保存…";
    pending += 1;
    queue = queue.then(() => save(qid, choice, 6)).then((message) => {
      pending -= 1;
      if (pending === 0 || message !== "已保存") state.textContent = message;
    });
  });
  // time is up: what was saved is graded, blank questions included (no confirm step to wait for)
  function confirmAndSubmit() {
    const flag = document.createElement("input");
    flag.type = "hidden"; flag.name = "confirm_unanswered"; flag.value = "1";
    form.appendChild(flag);
    form.submit();
  }

  // blank questions need a second, explicit step (the server refuses them otherwise, 422)
  const step = document.getElementById("confirm-step");
  const stepText = document.getElementById("confirm-text");
  function blank() {
    return Array.from(form.querySelectorAll(".question")).map((box, i) => [i + 1, box])
      .filter(([, box]) => !box.querySelector("input:checked")).map(([n]) => n);
  }
  form.addEventListener("submit", (event) => {
    const confirmed = event.submitter && event.submitter.name === "confirm_unanswered";
    const missing = blank();
    if (step && !confirmed && missing.length) {
      event.preventDefault();
      stepText.textContent = "还有 " + missing.length + " 道题未作答（第 " + missing.join("、") + " 题）。确认要交卷吗？";
      step.hidden = false;
      document.getElementById("submit-paper").hidden = true;
      step.scrollIntoView({ block: "center" });
      document.getElementById("confirm-submit").focus();
      return;
    }
    submitted = true;
  });
  const back = document.getElementById("confirm-back");
  if (back) back.addEventListener("click", () => {
    step.hidden = true;
    document.getElementById("submit-paper").hidden = false;
  });
})();
