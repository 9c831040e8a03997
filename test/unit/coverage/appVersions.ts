// Two versions of a small Express app for the reading tests: V2 inserts lines above each
// construct, changes one line of each and re-indents one.

export const APP_V1 = `import express from 'express';
import { login, logout, health } from './auth';

const app = express();
app.use(express.json());
app.use(helmet(), cors({ origin: 'https://example.com' }));

export const routes = [
  { method: 'post', path: '/login', handler: login },
  { method: 'post', path: '/logout', handler: logout },
  { method: 'get', path: '/health', handler: health },
];

export default function (req, res) {
  const user = req.user;
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
}

router.get('/me', (req, res) => {
  res.json(req.user);
});

class Store {
  cache = new Map();
  limit = 100;
}
`;

/** Lines inserted above each construct, one line of each changed, one line only re-indented. */
export const APP_V2 = `import express from 'express';
import { login, logout, health } from './auth';
import { audit } from './audit';

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(helmet(), cors({ origin: 'https://example.com' }));

// Public routes: no session needed.
export const routes = [
  { method: 'post', path: '/login', handler: login },
  { method: 'post', path: '/logout', handler: logout },
  { method: 'get', path: '/healthz', handler: health },
];

audit(routes);

export default function (req, res) {
  const user = req.user;
  if (!user) return res.status(403).end();
  res.json({ id: user.id });
}

router.get('/me', (req, res) => {
      res.json(req.user);
});

class Store {
  cache = new Map();
  limit = 500;
}
`;

/** In V2: the inserted lines (3, 9 is a comment, 16) and the changed ones (6, 13, 20, 30). */
export const EXPECTED_UNREAD_V2: [number, number][] = [[3, 3], [6, 6], [13, 13], [16, 16], [20, 20], [30, 30]];
