/*
 * DND Guard's Cockpit plugin (Cockpit 7.14+ plugin format: an ES module whose default export is
 * a list of plugins). Cockpit loads it from /camunda/api/cockpit/plugin/dnd-guard/static/app/.
 * Data comes from the plugin's server resources under {cockpitApi}/plugin/dnd-guard/{engine}/,
 * behind Cockpit's login; changes carry Cockpit's CSRF token. Plain DOM, no framework: every
 * value from the server is set as text, never as HTML.
 */

const PLUGIN = 'dnd-guard';
const CONTACTS_PATH = '/dnd-contacts';
const CHANNELS = ['CALL', 'EMAIL', 'SMS', 'WHATSAPP', 'FACEBOOK', 'GMB', 'ALL'];
const INBOUND = ['CALL', 'SMS'];
const HISTORY_PAGE_SIZE = 10;

// --- talking to the server ---

function csrfToken(api) {
  // Cockpit keeps the token in a cookie; read it at each call, as Cockpit's own client does
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : api.CSRFToken;
}

function engineOf(api) {
  // Cockpit hands diagram plugins an api.engine that is the page's whole URL (it reads the engine
  // from the URL with the app's name, which it does not pass them); read it from the path instead
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)/);
  return match ? match[1] : api.engine;
}

async function call(api, method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken(api);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${api.cockpitApi}/plugin/${PLUGIN}/${enc(engineOf(api))}/${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = { detail: `${response.status} ${response.statusText}` };
  }
  return { ok: response.ok, status: response.status, data };
}

const enc = encodeURIComponent;

// --- building the DOM ---

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (name === 'onclick' || name === 'onchange' || name === 'onsubmit') {
      node.addEventListener(name.substring(2), value);
    } else if (name === 'checked') {
      node.checked = true;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  });
  children.flat().forEach(child => {
    if (child !== undefined && child !== null && child !== false) {
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return node;
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function table(className, headings, rows) {
  return el('table', { class: `table table-condensed table-striped ${className}` },
    el('thead', {}, el('tr', {}, headings.map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function problemText(result) {
  const data = result.data || {};
  return data.detail || data.title || `The server answered ${result.status}`;
}

function alertBox(kind, text) {
  return el('div', { class: `alert alert-${kind} dnd-alert`, role: 'alert' }, text);
}

function describeSkip(skip) {
  const lines = [`${skip.outcome === 'SKIPPED' ? 'Skipped' : skip.outcome}: ${skip.channel} for contact ${skip.contactId}`];
  if (skip.limitRule) {
    lines.push(`Reason: LIMITED by rule ${skip.limitRule}`);
    if (skip.runAt) {
      lines.push(`Runs at: ${time(skip.runAt)}`);
    }
  } else {
    lines.push(`Reason: ${skip.reason}${skip.blockedBy !== skip.channel ? ` (DND on ${skip.blockedBy})` : ''}`);
    lines.push(`DND since: ${time(skip.blockedSince)}`);
  }
  if (skip.detail) {
    lines.push(skip.detail);
  }
  lines.push(`At: ${time(skip.recordedAt)}`);
  return lines.join('\n');
}

function groupBy(items, key) {
  return items.reduce((groups, item) => {
    (groups[item[key]] = groups[item[key]] || []).push(item);
    return groups;
  }, {});
}

function idFromHash(kind) {
  // Cockpit's routes are #/process-instance/{id}/... and #/process-definition/{id}/...
  const parts = window.location.hash.split('?')[0].split('/');
  const at = parts.indexOf(kind);
  return at >= 0 ? decodeURIComponent(parts[at + 1] || '') : null;
}

function addOverlay(viewer, activityId, position, html) {
  const registry = viewer.get('elementRegistry');
  if (!registry.get(activityId)) {
    return false; // a step of another version of the model, or not drawn
  }
  viewer.get('overlays').add(activityId, 'dnd-guard', { position, html });
  return true;
}

// --- process instance: badges on skipped steps, and the DND tab ---

async function renderInstanceOverlays(viewer, props) {
  const instanceId = props.processInstanceId || idFromHash('process-instance');
  const result = await call(props.api, 'GET', `process-instance/${enc(instanceId)}/skips`);
  if (!result.ok) {
    return;
  }
  Object.entries(groupBy(result.data, 'activityId')).forEach(([activityId, skips]) => {
    const channels = [...new Set(skips.map(s => s.channel))].join(', ');
    const rules = [...new Set(skips.filter(s => s.limitRule).map(s => s.limitRule))];
    const title = skips.map(describeSkip).join('\n\n');
    // a step only a communication limit held back says so, with the rule
    const label = rules.length && skips.every(s => s.limitRule) ? `LIMITED ${rules.join(', ')}` : `DND ${channels}`;
    const badge = el('span', {
      class: 'dnd-guard-badge dnd-guard-skip',
      'data-activity-id': activityId,
      'data-outcome': [...new Set(skips.map(s => s.outcome))].join(' '),
      'data-cause': [...new Set(skips.map(s => s.cause))].join(' '),
      title
    }, `${label}${skips.length > 1 ? ` ×${skips.length}` : ''}`,
    el('span', { class: 'dnd-guard-tip' }, title));
    addOverlay(viewer, activityId, { top: -12, right: 16 }, badge);
  });
}

function contactLink(contactId) {
  return el('a', { href: `#${CONTACTS_PATH}?contact=${enc(contactId)}`, class: 'dnd-contact-link' }, contactId);
}

async function renderInstanceTab(node, props) {
  const instanceId = props.processInstanceId || idFromHash('process-instance');
  node.replaceChildren(el('div', { class: 'dnd-guard dnd-instance-tab' }, 'Loading DND skips…'));
  const result = await call(props.api, 'GET', `process-instance/${enc(instanceId)}/skips`);
  const box = el('div', { class: 'dnd-guard dnd-instance-tab' });
  if (!result.ok) {
    box.appendChild(alertBox('danger', problemText(result)));
  } else if (result.data.length === 0) {
    box.appendChild(el('p', { class: 'dnd-empty' }, 'DND Guard held back no step of this instance.'));
  } else {
    box.appendChild(table('dnd-skips', ['Step', 'Channel', 'Outcome', 'Reason', 'DND on', 'DND since', 'Contact', 'Time', 'Why'],
      result.data.map(skip => el('tr', { class: 'dnd-skip', 'data-activity-id': skip.activityId },
        el('td', { class: 'dnd-step' }, skip.activityId),
        el('td', { class: 'dnd-channel' }, skip.channel),
        el('td', { class: 'dnd-outcome' }, skip.outcome),
        el('td', { class: 'dnd-reason' }, skip.limitRule ? `LIMITED (${skip.limitRule})` : skip.reason),
        el('td', {}, skip.blockedBy),
        el('td', {}, time(skip.blockedSince)),
        el('td', {}, contactLink(skip.contactId)),
        el('td', {}, time(skip.recordedAt)),
        el('td', { class: 'dnd-detail' }, skip.detail || '')))));
  }
  node.replaceChildren(box);
}

// --- process definition: how often each step was held back ---

async function renderDefinitionOverlays(viewer, props) {
  const definitionId = idFromHash('process-definition') || props.processDefinitionId;
  const result = await call(props.api, 'GET', `process-definition/${enc(definitionId)}/skip-counts`);
  if (!result.ok) {
    return;
  }
  Object.entries(groupBy(result.data, 'activityId')).forEach(([activityId, counts]) => {
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const title = `Held back by DND Guard: ${counts.map(c => `${c.outcome.toLowerCase()} ${c.count}×`).join(', ')}`;
    addOverlay(viewer, activityId, { bottom: 17, right: 17 },
      el('span', { class: 'badge dnd-guard-count', 'data-activity-id': activityId, title }, String(total)));
  });
}

// --- the contacts page ---

function contactFromHash() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('contact');
}

function renderContactsPage(node, props) {
  const api = props.api;
  const state = { contactId: null, historyPage: 0, confirmRemoval: false };

  const searchInput = el('input', {
    type: 'search', id: 'dnd-search', class: 'form-control', name: 'q',
    placeholder: 'Contact id, phone number or e-mail address', autocomplete: 'off'
  });
  const results = el('div', { id: 'dnd-search-results' });
  const record = el('div', { id: 'dnd-contact' });
  const page = el('div', { class: 'dnd-guard dnd-contacts-page container-fluid' },
    el('h2', {}, 'DND Contacts'),
    el('form', { class: 'form-inline dnd-search-form', onsubmit: event => { event.preventDefault(); search(); } },
      el('div', { class: 'form-group' }, searchInput),
      ' ',
      el('button', { type: 'submit', class: 'btn btn-primary', id: 'dnd-search-button' }, 'Search')),
    results,
    record);
  node.replaceChildren(page);

  async function search() {
    const q = searchInput.value.trim();
    results.replaceChildren();
    const result = await call(api, 'GET', `contacts?q=${enc(q)}`);
    if (!result.ok) {
      results.appendChild(alertBox('danger', problemText(result)));
      return;
    }
    const { matches, readAs } = result.data;
    if (matches.length === 0) {
      results.appendChild(alertBox('info', `No contact found for "${q}"${readAs.length ? ` (read as ${readAs.join(', ')})` : ''}.`));
      return;
    }
    results.appendChild(el('ul', { class: 'list-unstyled dnd-matches' }, matches.map(match =>
      el('li', {}, el('a', {
        href: '', class: 'dnd-match', 'data-contact-id': match.contactId,
        onclick: event => { event.preventDefault(); open(match.contactId); }
      }, match.contactId), ` (${match.matchedBy})`))));
    if (matches.length === 1) {
      open(matches[0].contactId);
    }
  }

  async function open(contactId, notice) {
    state.contactId = contactId;
    state.historyPage = 0;
    state.confirmRemoval = false;
    await showContact(notice);
  }

  async function showContact(notice) {
    const id = enc(state.contactId);
    const [contact, history, messages, skips, workflows, limits] = await Promise.all([
      call(api, 'GET', `contacts/${id}`),
      call(api, 'GET', `contacts/${id}/history?page=${state.historyPage}&size=${HISTORY_PAGE_SIZE}`),
      call(api, 'GET', `contacts/${id}/messages?size=50`),
      call(api, 'GET', `contacts/${id}/skips`),
      call(api, 'GET', `contacts/${id}/workflows`),
      call(api, 'GET', `contacts/${id}/limits`)
    ]);
    if (!contact.ok) {
      record.replaceChildren(alertBox('danger', problemText(contact)));
      return;
    }
    const view = contact.data;
    const may = permission => view.viewer.permissions.includes(permission);
    record.replaceChildren(
      el('div', { class: 'dnd-record', 'data-contact-id': view.contactId },
        el('h3', {}, 'Contact ', el('span', { class: 'dnd-contact-id' }, view.contactId), ' ',
          el('span', { class: `label dnd-status dnd-status-${view.dnd.status}`, id: 'dnd-status', 'data-status': view.dnd.status },
            view.dnd.status)),
        el('p', { class: 'dnd-addresses' }, addressesText(view.addresses)),
        evidenceLinks(view.contactId),
        notice || null,
        may('CHANGE') ? null : el('p', { class: 'dnd-read-only text-muted' },
          'You may read this record; changing DND needs DND Guard\'s operator permission.'),
        el('h4', {}, 'Outbound DND'),
        channelsTable(view, may('CHANGE')),
        el('h4', {}, 'Inbound DND'),
        inboundTable(view, may('CHANGE')),
        el('h4', {}, 'Communication limits'),
        limitsSection(limits),
        el('h4', {}, 'Running workflows'),
        workflowsSection(workflows, may('REMOVE_WORKFLOWS')),
        el('h4', {}, 'Audit trail'),
        historySection(history),
        el('h4', {}, 'Messages'),
        messagesSection(messages, may('CHANGE')),
        el('h4', {}, 'Skipped steps'),
        skipsSection(skips)));
  }

  // plain links, so the browser streams the file to disk with Cockpit's session cookie (a GET needs no CSRF token)
  function evidenceLinks(contactId) {
    const base = `${api.cockpitApi}/plugin/${PLUGIN}/${enc(engineOf(api))}/contacts/${enc(contactId)}/evidence`;
    return el('p', { class: 'dnd-evidence' },
      el('a', { href: base, download: '', id: 'dnd-evidence-json', class: 'btn btn-default btn-xs',
        title: 'Everything DND Guard knows about this contact\'s consent, with its SHA-256' }, 'Download evidence'),
      ' ',
      el('a', { href: `${base}?format=csv`, download: '', id: 'dnd-evidence-csv', class: 'btn btn-default btn-xs' },
        'as CSV'));
  }

  function addressesText(addresses) {
    const known = Object.entries(addresses || {}).filter(([, value]) => value);
    return known.length ? known.map(([kind, value]) => `${kind}: ${value}`).join(' · ') : 'No addresses registered';
  }

  function reasonsCell(target) {
    if (!target.reasons.length) {
      return el('td', { class: 'dnd-reasons' }, target.blocked ? 'blocked by ALL' : '');
    }
    return el('td', { class: 'dnd-reasons' }, el('ul', { class: 'list-unstyled' }, target.reasons.map(reason =>
      el('li', { class: 'dnd-reason', 'data-reason': reason.reason },
        el('strong', {}, reason.reason), ` (${reason.kind.toLowerCase()}) since ${time(reason.since)}`,
        reason.setBy ? `, set by ${reason.setBy}` : '',
        reason.evidence && reason.evidence.actor ? ` [${reason.evidence.actor}]` : '',
        ' — ',
        el('span', { class: 'dnd-lift' }, reason.howToLift)))));
  }

  function switchCell(kind, name, target, mayChange) {
    if (!mayChange) {
      return el('td', { class: 'dnd-state' }, target.active ? 'ON' : 'off');
    }
    const input = el('input', {
      type: 'checkbox', class: 'dnd-switch', [`data-${kind}`]: name, checked: target.active,
      title: target.active ? `Turn ${name} DND off` : `Turn ${name} DND on`,
      onchange: () => change(kind, name, input.checked, input)
    });
    return el('td', { class: 'dnd-state' }, el('label', { class: 'dnd-switch-label' }, input, target.active ? ' ON' : ' off'));
  }

  function channelsTable(view, mayChange) {
    return table('dnd-channels', ['Channel', 'DND', 'Blocked', 'Reasons and who may lift them'],
      CHANNELS.map(name => {
        const target = view.dnd.channels[name];
        return el('tr', { class: 'dnd-channel-row', 'data-channel': name, 'data-active': String(target.active) },
          el('td', {}, name), switchCell('channel', name, target, mayChange),
          el('td', {}, target.blocked ? 'blocked' : ''), reasonsCell(target));
      }));
  }

  function inboundTable(view, mayChange) {
    return table('dnd-inbound', ['Inbound', 'DND', 'Reasons'], INBOUND.map(name => {
      const target = view.dnd.inbound[name];
      return el('tr', { class: 'dnd-inbound-row', 'data-inbound-channel': name, 'data-active': String(target.active) },
        el('td', {}, name), switchCell('inbound', name, target, mayChange), reasonsCell(target));
    }));
  }

  async function change(kind, name, on, input) {
    input.disabled = true;
    const path = `contacts/${enc(state.contactId)}/${kind === 'channel' ? 'channels' : 'inbound'}/${enc(name)}`;
    const result = await call(api, on ? 'PUT' : 'DELETE', path, {});
    if (result.ok) {
      await showContact(alertBox('success', `${kind === 'inbound' ? 'Inbound ' : ''}${name} DND turned ${on ? 'on' : 'off'}.`));
    } else {
      await showContact(alertBox('danger', problemText(result)));
    }
  }

  function historySection(result) {
    if (!result.ok) {
      return alertBox('danger', problemText(result));
    }
    const pageData = result.data;
    const rows = pageData.items.map(entry => el('tr', { class: 'dnd-audit-row', 'data-action': entry.action },
      el('td', {}, time(entry.recordedAt)),
      el('td', { class: 'dnd-audit-action' }, entry.action),
      el('td', {}, entry.target || ''),
      el('td', {}, entry.reason || ''),
      el('td', {}, entry.statusAfter || ''),
      el('td', { class: 'dnd-audit-actor' }, (entry.evidence && entry.evidence.actor) || (entry.evidence && entry.evidence.source) || ''),
      el('td', {}, [entry.message, entry.evidence && entry.evidence.note,
        entry.evidence && entry.evidence.reply && `“${entry.evidence.reply.text}”`].filter(Boolean).join(' — '))));
    const pager = el('div', { class: 'dnd-pager' },
      el('button', {
        class: 'btn btn-default btn-xs', id: 'dnd-history-newer', disabled: pageData.page === 0,
        onclick: () => { state.historyPage -= 1; showContact(); }
      }, 'Newer'),
      ` Page ${pageData.page + 1} of ${Math.max(pageData.totalPages, 1)} (${pageData.total} entries) `,
      el('button', {
        class: 'btn btn-default btn-xs', id: 'dnd-history-older', disabled: pageData.page + 1 >= pageData.totalPages,
        onclick: () => { state.historyPage += 1; showContact(); }
      }, 'Older'));
    return el('div', {}, table('dnd-audit', ['Time', 'Action', 'Target', 'Reason', 'Status after', 'By', 'Message'], rows), pager);
  }

  /** The result's items as a table; the problem when the call failed; a line saying so when there are none. */
  function listSection(result, id, headers, emptyText, row) {
    if (!result.ok) {
      return alertBox('danger', problemText(result));
    }
    if (!result.data.length) {
      return el('p', { class: 'dnd-empty' }, emptyText);
    }
    return table(id, headers, result.data.map(row));
  }

  /** UNKNOWN (it may have gone out) and FAILED messages can be sent again by an operator, DND checked again. */
  function messagesSection(result, mayResend) {
    const resendable = status => status === 'UNKNOWN' || status === 'FAILED';
    return listSection(result, 'dnd-messages', ['Queued', 'Channel', 'Status', 'To', 'Message', 'Detail', ''], 'No messages.',
      message => el('tr', {
        class: `dnd-message-row${message.status === 'FAILED' ? ' danger' : message.status === 'UNKNOWN' ? ' warning' : ''}`,
        'data-status': message.status, 'data-message-id': message.id
      },
        el('td', {}, time(message.createdAt)),
        el('td', {}, message.channel),
        el('td', { class: 'dnd-message-status' }, message.status),
        el('td', {}, message.recipient || ''),
        el('td', {}, message.subject ? `${message.subject}: ${message.body}` : message.body),
        el('td', {}, message.detail || ''),
        el('td', {}, mayResend && resendable(message.status)
          ? el('button', {
            class: 'btn btn-default btn-xs dnd-resend', 'data-message-id': message.id,
            title: message.status === 'UNKNOWN' ? 'It may have gone out already: resend only after checking with the provider' : '',
            onclick: () => resend(message.id)
          }, 'Resend')
          : '')));
  }

  async function resend(messageId) {
    const result = await call(api, 'POST', `contacts/${enc(state.contactId)}/messages/${messageId}/resend`, {});
    await showContact(result.ok
      ? alertBox('success', `Message ${messageId} queued again as message ${result.data.id}.`)
      : alertBox('danger', problemText(result)));
  }

  function limitsSection(result) {
    return listSection(result, 'dnd-limits', ['Rule', 'Limit', 'Used', 'Next place frees'],
      'No communication limit is set.', use => el('tr', {
        class: `dnd-limit${use.full ? ' warning' : ''}`, 'data-rule': use.rule, 'data-full': String(use.full) },
        el('td', { class: 'dnd-limit-rule' }, use.rule),
        el('td', {}, use.description),
        el('td', { class: 'dnd-limit-used' }, `${use.used} of ${use.count}${use.topic ? ` (topic ${use.topic})` : ''}`),
        el('td', { class: 'dnd-limit-frees' }, use.full ? time(use.freesAt) : 'a place is free')));
  }

  function skipsSection(result) {
    return listSection(result, 'dnd-contact-skips', ['Time', 'Process instance', 'Step', 'Channel', 'Outcome', 'Reason'],
      'No step was held back for this contact.', skip => el('tr', { class: 'dnd-skip' },
        el('td', {}, time(skip.recordedAt)),
        el('td', {}, el('a', { href: `#/process-instance/${enc(skip.processInstanceId)}/runtime` }, skip.processInstanceId)),
        el('td', {}, skip.activityId),
        el('td', {}, skip.channel),
        el('td', {}, skip.outcome),
        el('td', {}, skip.limitRule ? `LIMITED (${skip.limitRule})` : skip.reason)));
  }

  function workflowsSection(result, mayRemove) {
    if (!result.ok) {
      return alertBox('danger', problemText(result));
    }
    const rows = result.data.map(workflow => el('tr', { class: 'dnd-workflow', 'data-process-instance-id': workflow.processInstanceId },
      el('td', {}, el('a', { href: `#/process-instance/${enc(workflow.processInstanceId)}/runtime` }, workflow.processInstanceId)),
      el('td', {}, workflow.processDefinitionName || workflow.processDefinitionKey || workflow.processDefinitionId),
      el('td', {}, workflow.businessKey || ''),
      el('td', {}, workflow.suspended ? 'suspended' : 'running')));
    const section = el('div', { class: 'dnd-workflows' },
      rows.length ? table('dnd-workflow-table', ['Process instance', 'Process', 'Business key', 'State'], rows)
        : el('p', { class: 'dnd-empty' }, 'The contact runs in no workflow.'));
    if (mayRemove && rows.length) {
      if (!state.confirmRemoval) {
        section.appendChild(el('button', {
          class: 'btn btn-danger', id: 'dnd-remove-workflows',
          onclick: () => { state.confirmRemoval = true; showContact(); }
        }, 'Remove from all workflows'));
      } else {
        section.appendChild(el('div', { class: 'well dnd-confirm-removal' },
          el('p', {}, `End all ${rows.length} running workflows of contact ${state.contactId}? This cannot be undone.`),
          el('button', { class: 'btn btn-danger', id: 'dnd-remove-workflows-confirm', onclick: removeAll }, 'Yes, remove from all workflows'),
          ' ',
          el('button', {
            class: 'btn btn-default', id: 'dnd-remove-workflows-cancel',
            onclick: () => { state.confirmRemoval = false; showContact(); }
          }, 'Cancel')));
      }
    }
    return section;
  }

  async function removeAll() {
    state.confirmRemoval = false;
    const result = await call(api, 'POST', `contacts/${enc(state.contactId)}/workflow-removal`, {});
    const notice = result.ok
      ? alertBox('success', result.data.batchId
        ? `Removal of ${result.data.queued} workflows runs as batch ${result.data.batchId}.`
        : `Removed the contact from ${result.data.removed} workflows.`)
      : alertBox('danger', problemText(result));
    await showContact(notice);
  }

  const linked = contactFromHash();
  if (linked) {
    searchInput.value = linked;
    open(linked);
  }
}

export default [
  {
    id: 'dnd-guard-instance-diagram',
    pluginPoint: 'cockpit.processInstance.diagram.plugin',
    priority: 5,
    render: (viewer, props) => { renderInstanceOverlays(viewer, props || {}); }
  },
  {
    id: 'dnd-guard-instance-tab',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 5,
    render: (node, props) => { renderInstanceTab(node, props || {}); },
    properties: { label: 'DND' }
  },
  {
    id: 'dnd-guard-definition-diagram',
    pluginPoint: 'cockpit.processDefinition.diagram.plugin',
    priority: 5,
    render: (viewer, props) => { renderDefinitionOverlays(viewer, props || {}); }
  },
  {
    id: 'dnd-guard-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    render: node => {
      node.replaceChildren(el('a', { href: `#${CONTACTS_PATH}`, id: 'dnd-contacts-nav' }, 'DND Contacts'));
    },
    properties: {
      pagePath: `#${CONTACTS_PATH}`,
      label: 'DND Contacts',
      checkActive: path => path.indexOf(CONTACTS_PATH) > -1
    }
  },
  {
    id: 'dnd-guard-contacts',
    pluginPoint: 'cockpit.route',
    priority: 5,
    render: (node, props) => { renderContactsPage(node, props || {}); },
    properties: { path: CONTACTS_PATH }
  }
];
