// Varied Korean titles, bodies and comments for bench:data, so that search terms have realistic frequencies: each
// post has a topic, and its words come mostly from that topic's list, some from others, often with a particle
// attached (`환율이`, `국회에서`) as Korean text has them, so a search must find words inside longer ones.

export type Random = () => number;

const TOPICS: readonly (readonly string[])[] = [
  ["정치", "국회", "대통령", "여당", "야당", "선거", "법안", "국정감사", "장관", "총리", "예산안", "여론조사"],
  ["환율", "원달러", "금리", "물가", "주가", "코스피", "부동산", "수출", "반도체", "한국은행", "연말정산", "적금"],
  ["AI", "챗GPT", "카톡", "카카오", "네이버", "아이폰", "갤럭시", "OpenAI", "업데이트", "개인정보", "앱", "서버"],
  ["NCT", "아이돌", "드라마", "컴백", "앨범", "뮤직비디오", "예능", "배우", "콘서트", "팬미팅", "넷플릭스", "BTS"],
  ["다이어트", "병원", "운동", "비만", "치료제", "감기", "독감", "수면", "영양제", "식단", "헬스장", "건강검진"],
  ["날씨", "출근", "주말", "맛집", "카페", "여행", "이사", "월급", "택배", "편의점", "지하철", "2025"],
];
/** Words that occur in about one post in a thousand. */
const RARE_WORDS = ["위고비2", "1,460", "옵트아웃", "스테이블코인", "필리버스터"];
const RARE_SHARE = 0.001;
const OTHER_TOPIC_SHARE = 0.25;
const PARTICLES = ["", "", "", "이", "가", "은", "는", "을", "를", "에", "에서", "도", "의", "으로", "만"];

const TITLE_OPENINGS = ["", "", "", "[속보] ", "[단독] ", "오늘 ", "이번 주 ", "요즘 ", "드디어 ", "결국 "];
const TITLE_ENDINGS = [
  "발표",
  "근황",
  "소식 모음",
  "어떻게 생각해?",
  "정리해 봄",
  "후기입니다",
  "궁금한 점",
  "총정리",
  "실화냐",
  "이야기",
  "논란",
  "전망",
  "질문 있어요",
  "비교해 봤어요",
];
const SENTENCES = [
  "오늘 {a} 관련 기사가 나왔습니다.",
  "{a}, {b} 문제로 말이 많네요.",
  "요즘 {a} 때문에 다들 {b} 이야기뿐이에요.",
  "{a} 소식 보셨나요? {b}도 같이 움직인다고 합니다.",
  "개인적으로는 {a}보다 {b}가 더 걱정입니다.",
  "{a} 전망에 대해 전문가들은 신중한 입장입니다.",
  "댓글로 {a} 의견 남겨 주세요.",
  '관계자는 "{a} 상황을 지켜보겠다"고 말했습니다.',
  "작년과 비교하면 {a} 쪽이 확실히 달라졌어요.",
  "{a} 정리해 보면 이렇습니다.",
  "혹시 {a} 써 보신 분 계신가요?",
  "결론은 {a}, 그리고 {b}입니다.",
];
const COMMENTS = [
  "{a} 진짜 어이없네",
  "ㅋㅋㅋ {a}",
  "{a} 좀 더 지켜봐야 할 듯",
  "와 {a} 실화냐",
  "이거 카톡으로 공유함",
  "{a} 기사 잘 봤어요",
  "{a}보다 {b}가 문제임",
  "헐 {a}",
  "저도 {a} 궁금했어요",
  "{a} 얘기 그만 좀",
  "좋은 정보 감사합니다",
  "출처가 어디예요?",
];

export class KoreanText {
  constructor(private readonly random: Random) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  readonly topicCount = TOPICS.length;

  /** A topic for a post: its words come mostly from that topic. */
  topic(): number {
    return Math.floor(this.random() * TOPICS.length);
  }

  private word(topic: number): string {
    if (this.random() < RARE_SHARE) return this.pick(RARE_WORDS);
    const list = this.random() < OTHER_TOPIC_SHARE ? this.pick(TOPICS) : TOPICS[topic];
    return this.pick(list);
  }

  /** A word as it sits in a sentence: often with a particle attached. */
  private inflected(topic: number): string {
    return this.word(topic) + this.pick(PARTICLES);
  }

  private fill(template: string, topic: number): string {
    return template.replace(/\{[abc]\}/g, () => this.inflected(topic));
  }

  title(topic: number): string {
    const words = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => this.word(topic));
    return `${this.pick(TITLE_OPENINGS)}${words.join(" ")} ${this.pick(TITLE_ENDINGS)}`;
  }

  /** A Markdown body of three to eight sentences in one to three paragraphs, sometimes with a list or a link. */
  body(topic: number): string {
    const paragraphs: string[] = [];
    const paragraphCount = 1 + Math.floor(this.random() * 3);
    for (let p = 0; p < paragraphCount; p++) {
      const sentences = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () =>
        this.fill(this.pick(SENTENCES), topic),
      );
      paragraphs.push(sentences.join(" "));
    }
    if (this.random() < 0.3) paragraphs.push(["{a}", "{b}", "{c}"].map((s) => `- ${this.fill(s, topic)}`).join("\n"));
    if (this.random() < 0.3) {
      paragraphs.push(`출처: [${this.word(topic)} 기사](https://news.example.com/${Math.floor(this.random() * 1e6)})`);
    }
    return paragraphs.join("\n\n");
  }

  comment(topic: number): string {
    return this.fill(this.pick(COMMENTS), topic);
  }
}
