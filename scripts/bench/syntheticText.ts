/**
 * Newsroom-like text for the synthetic datasets: an English vocabulary of 3,000 words and a Chinese one of
 * 2,000 words, drawn with a Zipf distribution (the r-th most common word about 1/r as often as the first), from
 * a seeded random source. With 18 words every search term hit 40 % of the articles; with a Zipf vocabulary a
 * reader's search behaves as on a real archive: "China" is in most articles, "tariff" in a few per cent, a rare
 * word or a Chinese company name in a handful. The word lists are built from fixed seeds, so every dataset
 * (and the benchmark's search terms) uses the same vocabulary whatever the dataset's own seed.
 */
import {mulberry32} from './seededRandom'

/** Common words first: their rank decides how often they appear. */
const ENGLISH_HEAD = `the of and to in a on for said its with by is that china chinese company market beijing
  government tech shares year billion percent new chip firm investors data rules trade export state bank growth
  first officials export tariff shanghai shenzhen hong kong price cloud model battery fund listing probe merger
  supply chain privacy platform lender subsidy regulator security startup funding valuation semiconductor ai
  electric vehicle solar policy court law draft ministry council provincial city local debt property developer
  consumer retail ecommerce payments fintech insurance brokerage bond yuan dollar stimulus factory output
  exports imports sanctions huawei tencent alibaba bytedance tiktok baidu xiaomi byd catl smic nvidia apple
  antitrust fine review approval license quota capacity demand profit loss revenue quarter annual report
  analyst estimate forecast share buyback dividend ipo stake acquisition deal partner joint venture
  research lab talent engineer robot drone satellite rocket telecom network 5g server storage software
  open source algorithm training compute gpu wafer foundry lithography equipment materials rare earths
  lithium cobalt steel coal power grid wind nuclear hydrogen carbon emissions climate green`.split(/\s+/)

const CONSONANTS = ['b', 'ch', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'qu', 'r', 's', 'sh', 't', 'tr', 'v', 'w', 'z']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou']
const ENDINGS = ['', '', 'n', 'r', 's', 'st', 'nd', 'ng', 'ck', 'tion', 'ment', 'er', 'ly']

/** Real Chinese newsroom words first, then words built from common characters. */
const CHINESE_HEAD = `中国 公司 市场 北京 政府 科技 芯片 企业 投资 数据 监管 出口 关税 上海 深圳 香港 估值 回购 字节跳动 华为 腾讯
  阿里巴巴 百度 小米 比亚迪 宁德时代 中芯国际 人工智能 电动汽车 新能源 光伏 电池 半导体 融资 上市 并购 反垄断 罚款
  审查 批准 许可 产能 需求 利润 亏损 收入 季度 年度 报告 分析师 预测 股份 分红 合资 研发 人才 工程师 机器人 卫星
  火箭 通信 网络 服务器 软件 开源 算法 算力 晶圆 代工 光刻机 设备 材料 稀土 锂 钢铁 煤炭 电网 风电 核电 氢能 碳排放
  气候 绿色 法律 草案 部门 国务院 省 城市 地方 债务 房地产 开发商 消费 零售 电商 支付 金融 保险 债券 人民币 美元 刺激`.split(/\s+/)
const HAN_POOL = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研',
)

function buildVocabulary(head: string[], size: number, seed: number, makeWord: (next: () => number) => string): string[] {
  const next = mulberry32(seed)
  const words = [...new Set(head.filter(Boolean))]
  const known = new Set(words)
  while (words.length < size) {
    const word = makeWord(next)
    if (!known.has(word)) known.add(word), words.push(word)
  }
  return words
}

const pickFrom = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]

export const ENGLISH_WORDS = buildVocabulary(ENGLISH_HEAD, 3000, 11, (next) => {
  const syllables = 2 + Math.floor(next() * 2)
  let word = ''
  for (let i = 0; i < syllables; i++) word += pickFrom(CONSONANTS, next) + pickFrom(VOWELS, next)
  return word + pickFrom(ENDINGS, next)
})

export const CHINESE_WORDS = buildVocabulary(CHINESE_HEAD, 2000, 13, (next) => {
  const length = 2 + Math.floor(next() * next() * 3)
  return Array.from({length}, () => pickFrom(HAN_POOL, next)).join('')
})

/** Cumulative Zipf weights (exponent s) over ranks 0..n-1, for sampling by binary search. */
function zipfTable(n: number, s = 1.05): Float64Array {
  const table = new Float64Array(n)
  let total = 0
  for (let rank = 0; rank < n; rank++) table[rank] = total += 1 / Math.pow(rank + 1, s)
  for (let rank = 0; rank < n; rank++) table[rank] /= total
  return table
}

function zipfSampler(words: string[]): (random: number) => string {
  const table = zipfTable(words.length)
  return (random) => {
    let low = 0
    let high = table.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (table[middle] < random) low = middle + 1
      else high = middle
    }
    return words[low]
  }
}

const englishWord = zipfSampler(ENGLISH_WORDS)
const chineseWord = zipfSampler(CHINESE_WORDS)

/** `n` English words, space-separated, Zipf-distributed. */
export const englishText = (next: () => number, n: number): string => Array.from({length: n}, () => englishWord(next())).join(' ')

/** A Chinese sentence of `n` words: one run of Han characters (Chinese is written without spaces), with a full stop. */
export const chineseText = (next: () => number, n: number): string => Array.from({length: n}, () => chineseWord(next())).join('') + '。'

/**
 * What readers type into the search box, from the most common words to rare ones, in both languages: the bench
 * cycles through these, so its search time is a newsroom's mix rather than one term's.
 */
export const SEARCH_INPUTS: readonly string[] = [
  'China', 'chip export', 'tariff', 'Huawei', '估值', '字节跳动', '芯片 出口', 'semiconductor lithography',
  ENGLISH_WORDS[150], ENGLISH_WORDS[600], ENGLISH_WORDS[1500], ENGLISH_WORDS[2900], `${ENGLISH_WORDS[40]} ${ENGLISH_WORDS[300]}`,
  CHINESE_WORDS[150], CHINESE_WORDS[800], CHINESE_WORDS[1900], 'subsid*', 'Company 12', '公司12', 'beijing shanghai',
]
