/*
 * yj-bridge.js — window.yj for the renderer when it runs in a plain browser through the
 * browser host (the Electron preload's twin). A classic script, injected into index.html before
 * the app bundle, so window.yj exists before the app starts. It implements the contract's
 * YjBridge: invoke(route, input) → Promise<Result>, onEvent(listener) → unsubscribe.
 * It never throws: transport failures become { ok: false, error: { code: 'transport' } }, and the
 * event stream reconnects on its own.
 */
(function () {
  'use strict';
  if (window.yj) return;

  // The host's key (main/host/access-token.ts) arrives once in ?token=… of the printed URL. It is
  // kept in sessionStorage (this tab only, gone when the tab closes) and removed from the address
  // bar and history at once, so it is not bookmarked, synced or shown over a shoulder.
  var TOKEN_KEY = 'yj.hostToken';
  var token = '';
  try {
    var params = new URLSearchParams(location.search);
    var fromUrl = params.get('token');
    if (fromUrl) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      params.delete('token');
      var rest = params.toString();
      history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
    }
    token = fromUrl || sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    token = '';
  }

  function transportError(message) {
    return { ok: false, error: { code: 'transport', message: String(message) } };
  }

  function invoke(route, input) {
    var body;
    try {
      body = JSON.stringify({ route: route, input: input });
    } catch {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: 'input is not JSON-serialisable' } });
    }
    return fetch('./__yj/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yj-Token': token },
      body: body,
      credentials: 'same-origin',
      cache: 'no-store',
    })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          if (parsed && typeof parsed === 'object' && typeof parsed.ok === 'boolean') return parsed;
          return transportError('browser host answered HTTP ' + response.status);
        });
      })
      .catch(function (error) {
        return transportError(error && error.message ? error.message : error);
      });
  }

  var listeners = [];
  var source = null;
  var retryTimer = null;
  var retryDelay = 1000;

  function deliver(message) {
    var copy = listeners.slice();
    for (var i = 0; i < copy.length; i++) {
      try {
        copy[i](message);
      } catch (error) {
        // one faulty listener must not starve the others
        setTimeout(function () {
          throw error;
        });
      }
    }
  }

  function connect() {
    retryTimer = null;
    if (source || listeners.length === 0) return;
    try {
      // EventSource cannot send headers: the token goes in the query.
      source = new EventSource('./__yj/events?token=' + encodeURIComponent(token));
    } catch {
      source = null;
      scheduleReconnect();
      return;
    }
    source.onopen = function () {
      retryDelay = 1000;
    };
    source.onmessage = function (e) {
      var message;
      try {
        message = JSON.parse(e.data);
      } catch {
        return;
      }
      if (message && typeof message.event === 'string') deliver(message);
    };
    source.onerror = function () {
      // EventSource retries by itself after network errors, but gives up for good (CLOSED) on an
      // HTTP error or a restarted host: then we reconnect ourselves, with backoff.
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        scheduleReconnect();
      }
    };
  }

  function scheduleReconnect() {
    if (retryTimer || listeners.length === 0) return;
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function disconnect() {
    if (source) source.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  function onEvent(listener) {
    if (typeof listener !== 'function') return function () {};
    listeners.push(listener);
    connect();
    var active = true;
    return function () {
      if (!active) return;
      active = false;
      var at = listeners.indexOf(listener);
      if (at >= 0) listeners.splice(at, 1);
      if (listeners.length === 0) disconnect();
    };
  }

  Object.defineProperty(window, 'yj', {
    value: Object.freeze({ invoke: invoke, onEvent: onEvent }),
    writable: false,
    configurable: false,
  });
})();
