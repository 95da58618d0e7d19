import {defineConfig} from 'sanity'

import {chinaDesk} from './schemas'

/**
 * The newsroom's Studio. Everything editorial comes from the one `chinaDesk()` plugin, so another
 * Studio can mount the same model by adding that single line to its own config.
 *
 * `SANITY_STUDIO_PROJECT_ID` / `SANITY_STUDIO_DATASET` select the real project; the defaults are
 * placeholders that only the offline local Content Lake (`npm run studio`) answers to.
 *
 * Offline mode: `SANITY_STUDIO_API_HOST` (read at build time) points the Studio's client at the
 * local Content Lake stand-in in `lake/server/`: either a URL such as `https://localhost:3434`, or
 * `page-origin` (what `npm run studio` builds with) for "wherever this Studio page is served from",
 * so one build works on any `--port`. The Studio then calls `https://<projectId>.localhost:<port>`.
 * Token login lets the stand-in's `/users/me` sign the local editor in without Sanity's login
 * service. Leave it unset for a real project (`sanity dev` / `sanity deploy`).
 */
const apiHostSetting = process.env.SANITY_STUDIO_API_HOST
const offlineApiHost =
  apiHostSetting === 'page-origin'
    ? // The config is also loaded by the CLI in Node (build, schema extract), where there is no page.
      typeof window === 'undefined'
      ? 'https://localhost'
      : window.location.origin
    : apiHostSetting

export default defineConfig({
  name: 'default',
  title: 'China Desk',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'chinadesk-local',
  dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  plugins: [chinaDesk()],
  ...(offlineApiHost ? {apiHost: offlineApiHost, auth: {loginMethod: 'token' as const}} : {}),
})
