/**
 * Writes a synthetic WordPress WXR export of `posts` posts to a file, streaming (never the whole XML in
 * memory), with text that names the bundled article's companies and laws so the linker has work to do.
 */
import {once} from 'node:events'
import {createWriteStream} from 'node:fs'

const COMPANIES = ['Microsoft', 'Huawei', 'LinkedIn', '21Vianet', 'Google', 'IT Juzi', 'Albright Stonebridge Group']
const LAWS = ['PIPL', 'Data Security Law', 'Personal Information Protection Law']

function paragraph(post: number, index: number): string {
  const company = COMPANIES[(post + index) % COMPANIES.length]
  const law = LAWS[(post * 3 + index) % LAWS.length]
  return `${company} reported results for quarter ${(post % 4) + 1}, citing the ${law} and <em>local partners</em> in paragraph ${index} of post ${post}. Analysts said the move was “cautious” but expected.`
}

export async function generateWxr(file: string, posts: number): Promise<void> {
  const out = createWriteStream(file, {encoding: 'utf8'})
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench archive</title>
<wp:author><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_display_name><![CDATA[China Desk]]></wp:author_display_name></wp:author>
`)
  for (let post = 1; post <= posts; post++) {
    const body = Array.from({length: 5}, (_, index) => paragraph(post, index)).join('\n\n')
    const day = String((post % 28) + 1).padStart(2, '0')
    await write(`<item><title>Bench post ${post}: ${COMPANIES[post % COMPANIES.length]} and the cloud</title>
<dc:creator><![CDATA[desk]]></dc:creator>
<content:encoded><![CDATA[${body}\n\nJoin our newsletter]]></content:encoded>
<wp:post_id>${post}</wp:post_id><wp:post_date_gmt>2022-0${(post % 9) + 1}-${day} 08:00:00</wp:post_date_gmt>
<wp:post_name>bench-post-${post}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="technology"><![CDATA[Technology]]></category>
<category domain="post_tag" nicename="cloud"><![CDATA[cloud]]></category></item>
`)
  }
  await write('</channel></rss>\n')
  out.end()
  await once(out, 'finish')
}
