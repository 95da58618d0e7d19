import {defineConfig} from 'sanity'

import {chinaDesk} from './schemas'

/**
 * The newsroom's Studio. Everything editorial comes from the one `chinaDesk()` plugin, so another
 * Studio can mount the same model by adding that single line to its own config.
 *
 * `SANITY_STUDIO_PROJECT_ID` / `SANITY_STUDIO_DATASET` select the real project; the defaults are
 * placeholders that only the offline local Content Lake (`npm run studio`) answers to.
 */
export default defineConfig({
  name: 'default',
  title: 'China Desk',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'chinadesk-local',
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  plugins: [chinaDesk()],
})
