/* The courseware player: downloads the video through the session's signed segment URL and reports
   heartbeats; the server decides what time counts (from what it sent and its own clock). */
(function () {
  "use strict";
  const root = document.getElementById("player");
  if (!root || root.dataset.learn !== "1") return;
  const cfg = JSON.parse(document.getElementById("player-config").textContent);
  const media = document.getElementById("courseware");
  const video = cfg.kind === "video" ? media : null;
  const dialog = document.getElementById("still-there");
  const csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  let session = null;
  let lastInteraction = Date.now();
  let timer = null;
  let sending = false;
  let stopped = false;
  let mediaUrl = null;

  function stop(message) {
    // another window or device took over, or the session ended: this one no longer counts
    stopped = true;
    if (timer) clearInterval(timer);
    if (video && !video.paused) video.pause();
    const note = document.getElementById("note");
    if (note) note.textContent = message;
    root.dataset.stopped = "1";
  }

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": decodeURIComponent(csrf) },
      body: JSON.stringify(body || {}),
    });
  }

  function show(data) {
    const counted = document.getElementById("counted");
    const bar = document.getElementById("bar");
    const today = document.getElementById("today");
    counted.textContent = "已计学习时间 " + Math.round(data.unit_seconds) + " 秒" + (data.unit_completed || data.completed ? "（本单元已完成）" : "");
    const done = cfg.kind === "video" ? data.watched_seconds : data.unit_seconds;
    bar.style.width = Math.min(100, (100 * done) / cfg.duration).toFixed(1) + "%";
    if (data.today_seconds !== undefined) {
      today.textContent = "今日已计 " + Math.floor(data.today_seconds / 60) + " 分钟（每日上限 " + +(data.daily_cap_seconds / 3600).toFixed(1) + " 小时）";
    }
    root.dataset.completed = (data.unit_completed || data.completed) ? "1" : "0";
    root.dataset.unitSeconds = String(data.unit_seconds);
    if (data.reasons) root.dataset.reasons = data.reasons.join(",");
  }

  function idleSeconds() { return (Date.now() - lastInteraction) / 1000; }

  function beat(end) {
    if (!session || stopped || (sending && !end)) return Promise.resolve();
    sending = true;
    const body = {
      position: video ? video.currentTime : null,
      rate: video ? video.playbackRate : 1,
      visible: document.visibilityState === "visible",
      idle_seconds: idleSeconds(),
      playing: video ? !video.paused && !video.ended : true,
      end: !!end,
    };
    return post(session.heartbeat_url, body, end)
      .then((r) => {
        if (r.status === 409) return r.json().then((e) => { stop(e.detail || "学习会话已结束，请刷新页面"); return null; });
        return r.ok ? r.json() : null;
      })
      .then((data) => {
        if (!data) return;
        if (data.media_url) mediaUrl = data.media_url;
        show(data);
      })
      .catch(() => {})
      .finally(() => { sending = false; });
  }

  function touched() {
    lastInteraction = Date.now();
  }
  ["pointerdown", "keydown", "touchstart", "wheel", "mousemove"].forEach((t) => document.addEventListener(t, touched, { passive: true }));

  function checkIdle() {
    if (idleSeconds() >= cfg.idleSeconds && dialog.hidden) {
      dialog.hidden = false;
      if (video && !video.paused) { video.pause(); }
      beat();
    }
  }
  document.getElementById("still-yes").addEventListener("click", () => {
    touched();
    dialog.hidden = true;
    if (video) video.play().catch(() => {});
  });

  function askTakeover(message) {
    // one learner, one stream: studying here stops the other window, and only if the learner says so
    return new Promise((resolve) => {
      const box = document.getElementById("takeover");
      document.getElementById("takeover-text").textContent = message;
      box.hidden = false;
      document.getElementById("takeover-yes").addEventListener("click", () => { box.hidden = true; resolve(); }, { once: true });
    });
  }

  function openSession(tries, takeover) {
    // a busy server or a dropped connection must not lose the learner's place: retry
    const url = cfg.sessionUrl + (takeover ? "?takeover=1" : "");
    return post(url, {}).then((r) => {
      if (r.ok) return r.json();
      if (r.status === 409) {
        return r.json().then((e) => askTakeover(e.detail)).then(() => openSession(tries, true));
      }
      throw new Error(String(r.status));
    }).catch((err) => {
      if (tries <= 0) throw err;
      return new Promise((res) => setTimeout(res, 400)).then(() => openSession(tries - 1, takeover));
    });
  }

  openSession(8, false).then((data) => {
    session = data;
    mediaUrl = data.media_url;
    show(data);
    if (video) {
      video.src = mediaUrl;  // the session's own signed URL, served segment by segment
      const resume = () => {
        if (data.resume_position > 0 && data.resume_position < (video.duration || cfg.duration) - 1) {
          video.currentTime = data.resume_position;
        }
      };
      if (video.readyState >= 1) resume(); else video.addEventListener("loadedmetadata", resume, { once: true });
      ["seeked", "ended", "pause", "ratechange"].forEach((t) => video.addEventListener(t, () => beat()));
      let reloads = 3;  // a failed or interrupted download is retried from where it stopped
      video.addEventListener("error", () => {
        if (stopped || reloads-- <= 0) return;
        const at = video.currentTime;
        // the signed URL may have expired: continue with the fresh one the last heartbeat gave
        setTimeout(() => { video.src = mediaUrl; if (at > 0) video.currentTime = at; }, 800);
      });
      video.addEventListener("playing", () => { reloads = 3; });
      video.addEventListener("play", touched);
    }
    timer = setInterval(beat, cfg.heartbeatSeconds * 1000);
    setInterval(checkIdle, 1000);
    root.dataset.ready = "1";
  });

  document.addEventListener("visibilitychange", () => beat());
  window.addEventListener("pagehide", () => { if (timer) clearInterval(timer); beat(true); });
})();
