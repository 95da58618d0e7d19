/**
 * A throw-away TLS certificate for the stand-in. HTTP/2 (which the Studio's many EventSource listeners need)
 * only runs over TLS in browsers, so each start makes a fresh self-signed certificate for localhost and its
 * `<projectId>.localhost` subdomains; browsers in tests run with `--ignore-certificate-errors`.
 */
import {generate} from 'selfsigned'

export interface Certificate {
  key: string
  cert: string
}

export async function createLocalhostCertificate(projectId: string): Promise<Certificate> {
  const pems = await generate([{name: 'commonName', value: 'localhost'}], {
    keyType: 'ec',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [
      {name: 'basicConstraints', cA: false},
      {
        name: 'subjectAltName',
        altNames: [
          {type: 2, value: 'localhost'},
          {type: 2, value: `${projectId}.localhost`},
          {type: 2, value: '*.localhost'},
          {type: 7, ip: '127.0.0.1'},
        ],
      },
    ],
  })
  return {key: pems.private, cert: pems.cert}
}
