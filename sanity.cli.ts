import {defineCliConfig} from 'sanity/cli'

/**
 * CLI settings. TypeGen reads only `queries/`: that folder is what front ends import, so its
 * generated types live beside it and never pull Studio code into a front-end bundle.
 */
export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'chinadesk-local',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  typegen: {
    path: './queries/**/*.ts',
    schema: './schema.json',
    generates: './queries/sanity.types.ts',
    overloadClientMethods: true,
  },
})
