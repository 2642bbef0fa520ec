/* global ngx */
/**
 * njs (nginx's JavaScript) for the API gateway: the platform's /health from every service's own,
 * and RFC 9457 problems for what the gateway itself refuses (413, 429, 502–504).
 * Loaded by the nginx.conf that deploy/distributed/gateway/build-gateway.ts writes.
 */

var TYPE_BASE = 'https://claims-platform.example/problems/';

var PROBLEMS = {
  413: {
    title: 'Request body too large',
    detail: 'The gateway accepts bodies up to 256 KiB (document uploads: larger)',
  },
  429: {
    title: 'Too many requests',
    detail: 'Rate limit exceeded: slow down and retry after the given seconds',
  },
  502: {
    title: 'Service unavailable',
    detail: 'The service that answers this request is not reachable; retry later',
  },
  503: {
    title: 'Service unavailable',
    detail: 'The service that answers this request is not reachable; retry later',
  },
  504: { title: 'Service timeout', detail: 'The service did not answer in time; retry later' },
};

function slug(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `$problem_status` (set by the error location) as an application/problem+json answer. */
function problem(r) {
  var status = Number(r.variables.problem_status);
  var known = PROBLEMS[status] || { title: 'Gateway error', detail: '' };
  var body = {
    type: TYPE_BASE + slug(known.title),
    title: known.title,
    status: status,
    instance: r.variables.request_uri,
    detail: known.detail,
  };
  r.headersOut['Content-Type'] = 'application/problem+json';
  if (status === 429 || status >= 502) r.headersOut['Retry-After'] = status === 429 ? '1' : '5';
  r.return(status, JSON.stringify(body));
}

function down() {
  return { status: 'down', components: { service: 'down' } };
}

/** One instance's report of its service, or down when it does not answer. */
function instanceHealth(name, address) {
  return ngx
    .fetch('http://' + address + '/health', { headers: { 'X-Request-Id': 'gateway-health' } })
    .then(function (reply) {
      return reply.json();
    })
    .then(
      function (report) {
        var own = report && report.services && report.services[name];
        return { name: name, report: own && own.components ? own : down() };
      },
      function () {
        return { name: name, report: down() };
      },
    );
}

/**
 * GET /health: `{status, services: {<name>: {status, components}}}` as the embedded platform
 * answers it, 200 when every instance of every service is up and 503 otherwise. A service with
 * several instances shows the first one that is down.
 */
function health(r) {
  var targets = r.variables.health_targets.split(',').map(function (target) {
    var at = target.indexOf('=');
    return { name: target.slice(0, at), address: target.slice(at + 1) };
  });
  Promise.all(
    targets.map(function (t) {
      return instanceHealth(t.name, t.address);
    }),
  ).then(function (answers) {
    var services = {};
    answers.forEach(function (answer) {
      var known = services[answer.name];
      if (!known || (known.status === 'up' && answer.report.status !== 'up'))
        services[answer.name] = answer.report;
    });
    var up = Object.keys(services).every(function (name) {
      return services[name].status === 'up';
    });
    r.headersOut['Content-Type'] = 'application/json; charset=utf-8';
    r.headersOut['Cache-Control'] = 'no-store';
    r.return(up ? 200 : 503, JSON.stringify({ status: up ? 'up' : 'down', services: services }));
  });
}

export default { health: health, problem: problem };
