// drizzle-kit settings: `npm run db:generate` writes a new migration into migrations/ after a
// change to src/store/schema.ts. The same SQL runs on PGlite and on PostgreSQL 13+.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './migrations',
});
