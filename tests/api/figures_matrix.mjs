// Access-matrix rows of the figures and the work brief (imported by
// matrix.test.mjs). Roles in order: admin, lanshan, nanshi, pengjia, chamber,
// zhenzhang. The summary is for anyone signed in who sees the whole region
// (each ledger's figures for whoever may read it); the brief is the
// officials' (admin, county, town office); its templates the admin's.
export const FIGURE_ROWS = [
  { route: 'GET /api/v1/stats/summary', scope: 'inside', path: '/api/v1/stats/summary?region=431127103&from=2022-01-01&to=2022-12-31', expect: [200, 200, 200, 404, 200, 200] },
  { route: 'GET /api/v1/stats/summary', scope: 'inside', path: '/api/v1/stats/summary?region=431127103224&from=2022-01-01&to=2022-12-31&by=child', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/stats/summary', scope: 'outside', path: '/api/v1/stats/summary?region=431127102', expect: [200, 200, 404, 404, 404, 404] },
  { route: 'GET /api/v1/stats/figures', path: '/api/v1/stats/figures', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/briefs', scope: 'inside', path: '/api/v1/briefs?region=431127103&from=2022-01-01&to=2022-12-31&format=html', expect: [200, 200, 200, 403, 403, 403] },
  { route: 'GET /api/v1/briefs', scope: 'outside', path: '/api/v1/briefs?region=431127102&format=html', expect: [200, 200, 404, 403, 403, 403] },
  { route: 'GET /api/v1/brief-templates', path: '/api/v1/brief-templates', expect: [200, 200, 200, 403, 403, 403] },
  { route: 'PUT /api/v1/brief-templates/{section}', method: 'PUT', path: '/api/v1/brief-templates/next', body: { heading: '下一步工作打算' }, expect: [200, 403, 403, 403, 403, 403] },
];
