/* The courseware player: downloads the video through the session's signed segment URL and reports
   heartbeats; the server decides what time counts (from what it sent and its own clock).
   Nothing is lost silently: a refused beat (expired login, another window, the daily cap) pauses
   the media and says why; a beat the network did not carry is kept in localStorage and sent again
   when the network returns (the server still credits only the segments it delivered). */
(function () {
  "use strict";
  const root = document.getElementById("player");
  if (!root || root.dataset.learn !== "1") return;
  const cfg = JSON.parse(document.getElementById("player-config").textContent);
  const media = document.getElementById("courseware");
  const video = cfg.kind === "video" ? media : null;
  const dialog = document.getElementById("still-there");
  const csrf = () => decodeURIComponent((document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "");
  const STORE = "jxjy.online.unsent";
  let session = null;
  let lastInteraction = Date.now();
  let timer = null;
  let sending = false;
  let stopped = false;
  let mediaUrl = null;
  let challenge = null;
  let challengeTimer = null;
  let unitSeconds = 0;

  function halt(message, action) {
    // the server refused to count here: stop the player and say why, with the way out
    stopped = true;
    if (timer) clearInterval(timer);
    if (video && !video.paused) video.pause();
    document.getElementById("halt-text").textContent = message;
    document.getElementById("halt-login").hidden = action !== "login";
    document.getElementById("halt-resume").hidden = action !== "resume";
    document.getElementById("halt").hidden = false;
    root.dataset.stopped = "1";
    root.dataset.halt = action || "stop";
  }
  const login = document.getElementById("halt-login");
  login.href = root.dataset.loginUrl;
  document.getElementById("halt-resume").addEventListener("click", () => window.location.reload());

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body || {}),
    });
  }

  // --- beats the network did not carry ---------------------------------------------------------
  function unsent() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }
  function keep(url, body, offline) {
    // only the latest beat of a session matters: the server judges it on its own clock
    const all = unsent();
    all[url] = { body: body, at: Date.now() };
    try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* storage full or off */ }
    if (offline) document.getElementById("offline").hidden = false;
  }
  function forget(url) {
    const all = unsent();
    delete all[url];
    try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* ignore */ }
    if (!Object.keys(all).length) document.getElementById("offline").hidden = true;
  }
  function flush() {
    // sends the kept beats (of this window or of a window before a re-login), oldest first
    const all = unsent();
    const urls = Object.keys(all).filter((u) => Date.now() - all[u].at < 24 * 3600 * 1000)
      .sort((a, b) => all[a].at - all[b].at);
    return urls.reduce((chain, url) => chain.then(() => post(url, all[url].body).then((r) => {
      if (r.status === 401) return;  // still logged out: keep it
      forget(url);  // answered (counted, refused or ended): either way the server has seen it
    }).catch(() => {})), Promise.resolve());
  }
  window.addEventListener("online", () => { flush().then(() => { if (!stopped) beat(); }); });

  function show(data) {
    const counted = document.getElementById("counted");
    const bar = document.getElementById("bar");
    const today = document.getElementById("today");
    unitSeconds = data.unit_seconds;
    counted.textContent = "已计学习时间 " + Math.round(data.unit_seconds) + " 秒" + (data.unit_completed || data.completed ? "（本单元已完成）" : "");
    const done = cfg.kind === "video" ? data.watched_seconds : data.unit_seconds;
    bar.style.width = Math.min(100, (100 * done) / cfg.duration).toFixed(1) + "%";
    if (data.today_seconds !== undefined) {
      today.textContent = "今日已计 " + Math.floor(data.today_seconds / 60) + " 分钟（每日上限 " + +(data.daily_cap_seconds / 3600).toFixed(1) + " 小时）";
    }
    root.dataset.completed = (data.unit_completed || data.completed) ? "1" : "0";
    root.dataset.unitSeconds = String(data.unit_seconds);
    if (data.reasons) root.dataset.reasons = data.reasons.join(",");
    if (data.revoked_seconds > 0) {
      showChallengeResult("在线确认超时未答：自上次确认以来的 " + Math.round(data.revoked_seconds) + " 秒学习时间不予计入，请回答新的问题后继续计时");
    }
    if (data.challenge) {
      const fresh = !challenge || challenge.id !== data.challenge.id;
      askChallenge(data.challenge);
      // credit ran until the check fell due: go back there, so that nothing remains unwatched
      if (fresh && video && data.resume_position !== undefined && video.currentTime > data.resume_position) {
        video.currentTime = data.resume_position;
      }
    }
    if (data.reasons && data.reasons.indexOf("daily_cap") >= 0 && data.counted_seconds === 0) {
      halt("今日在线学习时间已达每日上限（" + +(data.daily_cap_seconds / 3600).toFixed(1) + " 小时），计时已暂停。已计入的 " +
        Math.round(data.unit_seconds) + " 秒已保存，明天可从这里继续学习。", null);
    }
  }

  function idleSeconds() { return (Date.now() - lastInteraction) / 1000; }

  function beat(end) {
    if (!session || stopped || (sending && !end)) return Promise.resolve();
    sending = true;
    const url = session.heartbeat_url;
    const body = {
      position: video ? video.currentTime : null,
      rate: video ? video.playbackRate : 1,
      visible: document.visibilityState === "visible",
      idle_seconds: idleSeconds(),
      playing: video ? !video.paused && !video.ended : true,
      end: !!end,
    };
    return post(url, body, end)
      .then((r) => {
        if (r.status === 401) {
          keep(url, body);
          halt("登录已过期，学习计时已暂停。已计入的 " + Math.round(unitSeconds) + " 秒不会丢失；重新登录后从最后计时的位置继续。", "login");
          return null;
        }
        if (r.status === 409) {
          return r.json().then((e) => { halt((e.detail || "学习会话已结束") + "。如要在此处继续学习，请点击下方按钮。", "resume"); return null; });
        }
        if (r.status >= 500) { keep(url, body, true); return null; }
        forget(url);
        return r.ok ? r.json() : null;
      })
      .then((data) => {
        if (!data) return;
        if (data.media_url) mediaUrl = data.media_url;
        show(data);
      })
      .catch(() => { keep(url, body, true); })  // the network did not carry it: sent again when it returns
      .finally(() => { sending = false; });
  }

  // --- presence checks ------------------------------------------------------------------------
  function showChallengeResult(text) {
    const box = document.getElementById("challenge-result");
    box.textContent = text;
    box.hidden = false;
    document.getElementById("challenge").hidden = false;
    root.dataset.challengeResult = text;
  }
  function askChallenge(c) {
    if (challenge && challenge.id === c.id) return;
    challenge = c;
    if (video && !video.paused) video.pause();
    document.getElementById("challenge-prompt").textContent = c.prompt;
    const options = document.getElementById("challenge-options");
    options.textContent = "";
    c.options.forEach((text, i) => {
      const label = document.createElement("label");
      label.className = "option";
      const input = document.createElement("input");
      input.type = c.multiple ? "checkbox" : "radio";
      input.name = "challenge-choice";
      input.value = String(i);
      label.appendChild(input);
      label.appendChild(document.createTextNode(text));
      options.appendChild(label);
    });
    const deadline = Date.now() + c.seconds_left * 1000;
    const left = document.getElementById("challenge-left");
    const tick = () => { left.textContent = String(Math.max(0, Math.round((deadline - Date.now()) / 1000))); };
    tick();
    if (challengeTimer) clearInterval(challengeTimer);
    challengeTimer = setInterval(tick, 1000);
    document.getElementById("challenge").hidden = false;
    root.dataset.challenge = String(c.id);
  }
  document.getElementById("challenge-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!challenge) return;
    const chosen = Array.from(document.querySelectorAll("#challenge-options input:checked")).map((i) => Number(i.value));
    if (!chosen.length) { showChallengeResult("请先选择答案"); return; }
    const c = challenge;
    post(c.answer_url, { choice: chosen }).then((r) => r.json().then((data) => ({ status: r.status, data: data })))
      .then(({ status, data }) => {
        touched();
        challenge = null;
        if (challengeTimer) clearInterval(challengeTimer);
        if (status === 200 && data.passed) {
          document.getElementById("challenge").hidden = true;
          document.getElementById("challenge-result").hidden = true;
          root.dataset.challenge = "";
          root.dataset.challengeResult = "";
          if (video) video.play().catch(() => {});
          return;
        }
        showChallengeResult(data.message || data.detail || "在线确认未通过");
        return beat();  // the server asks again at once
      })
      .catch(() => showChallengeResult("网络中断，答案未能提交，请稍后再试"));
  });

  function touched() {
    lastInteraction = Date.now();
  }
  ["pointerdown", "keydown", "touchstart", "wheel", "mousemove"].forEach((t) => document.addEventListener(t, touched, { passive: true }));

  function checkIdle() {
    if (idleSeconds() >= cfg.idleSeconds && dialog.hidden && !stopped) {
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
      if (r.status === 401 || r.status === 403) {
        halt("登录已过期，请重新登录后继续学习。", "login");
        return Promise.reject(new Error("login"));
      }
      if (r.status === 409) {
        return r.json().then((e) => askTakeover(e.detail)).then(() => openSession(tries, true));
      }
      throw new Error(String(r.status));
    }).catch((err) => {
      if (tries <= 0 || err.message === "login") throw err;
      return new Promise((res) => setTimeout(res, 400)).then(() => openSession(tries - 1, takeover));
    });
  }

  // beats kept from before (a re-login, a dropped network) reach the server before a new session opens
  flush().then(() => openSession(8, false)).then((data) => {
    session = data;
    mediaUrl = data.media_url;
    show(data);
    if (video) {
      video.src = mediaUrl;  // the session's own signed URL, served segment by segment
      const resume = () => {
        // the server's resume point: the last credited second, the same on every device
        if (data.resume_position > 0 && data.resume_position < (video.duration || cfg.duration) - 1) {
          video.currentTime = data.resume_position;
        }
        root.dataset.resumed = String(data.resume_position);
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
      video.addEventListener("play", (ev) => {
        touched();
        if (stopped || challenge) video.pause();  // nothing plays while refused or a check is open
      });
    }
    timer = setInterval(() => { if (Object.keys(unsent()).length) flush(); beat(); }, cfg.heartbeatSeconds * 1000);
    setInterval(checkIdle, 1000);
    root.dataset.ready = "1";
  }).catch(() => {});

  document.addEventListener("visibilitychange", () => beat());
  window.addEventListener("pagehide", () => { if (timer) clearInterval(timer); beat(true); });
})();
