import type { NoticeScope } from "./types";

/**
 * The demo content the app starts with, transcribed once from the board page the product copies.
 * Times are Korean wall-clock times ("YYYY-MM-DD HH:MM", UTC+9); the seed turns them into epoch milliseconds.
 */

export interface DemoCategory {
  slug: string;
  name: string;
  adminOnly?: boolean;
  noticeBadge?: string;
}

export interface DemoBoard {
  slug: string;
  name: string;
  description: string;
  isAnonymous: boolean;
  categories: DemoCategory[];
}

export interface DemoComment {
  body: string;
  /** Index of the comment it answers, among the same post's scripted comments. */
  replyTo?: number;
}

export interface DemoPost {
  id: number;
  board: string;
  category: string | null;
  title: string;
  bodyMd: string;
  at: string;
  views: number;
  /** How many comments the page shows; scripted comments come first, generated ones fill up the rest. */
  commentCount: number;
  scriptedComments?: DemoComment[];
  notice?: { scope: Exclude<NoticeScope, "none">; order: number };
}

/** Comments are spread between their post's time and this moment, when the page was captured. */
export const DEMO_SNAPSHOT_AT = "2025-12-19 10:25";
export const DEMO_ACCOUNTS_CREATED_AT = "2018-01-01 09:00";

/** Nobody can log in as a demo user: no password hash ever verifies against this marker. */
export const DEMO_PASSWORD_HASH = "!demo-no-login";

export const DEMO_STAFF = "madang_staff";
export const DEMO_MEMBERS = [
  "sunny_day",
  "coffee_lover",
  "newsreader",
  "bluebird",
  "moonlight",
  "dalgom_2",
  "haru_01",
  "kkami",
];

export const DEMO_BOARDS: DemoBoard[] = [
  {
    slug: "square",
    name: "스퀘어",
    description: "기사, 정보, 팁을 익명으로 나누는 광장",
    isAnonymous: true,
    categories: [
      { slug: "news", name: "기사/뉴스" },
      { slug: "politics", name: "정치" },
      { slug: "info", name: "정보" },
      { slug: "tips", name: "팁/유용/추천" },
      { slug: "event", name: "이벤트", adminOnly: true, noticeBadge: "이벤트" },
    ],
  },
  {
    slug: "talk",
    name: "토크",
    description: "닉네임으로 편하게 이야기하는 곳",
    isAnonymous: false,
    categories: [
      { slug: "chat", name: "잡담" },
      { slug: "qna", name: "질문" },
    ],
  },
];

const KAKAO_ARTICLE_MD = [
  "카카오가 내년 2월부터 이용자들의 서비스 이용기록과 이용패턴 수집에 나섭니다.",
  "다만 강제 동의 절차를 표명한데다 동의하지 않으면 서비스 이용이 불가능해 적잖은 논란이 예상됩니다.",
  "오늘(19일) 업계에 따르면 카카오는 내년 2월 4일부터 이 같은 내용의 개정 약관을 적용합니다.",
  "카카오는 SNS나 게시판 서비스, 온라인 콘텐츠 제공 서비스, 위치기반 서비스 등 인터넷과 모바일 상 카카오가 제공하는 다양한 서비스에서 이용자들의 이용기록과 이용패턴을 수집합니다.",
  "카카오톡 내 프로필 등 서비스나 오픈채팅, 숏폼, 카카오맵 등 전반적인 카카오 서비스에서 이용자들의 흔적 정보를 수집한다는 것으로 풀이됩니다.",
  "카카오는 수집된 이용패턴 등 개인정보를 분석, 요약하는 등 활용해 맞춤형 콘텐츠 추천이나 광고 등을 제공하는 데 쓸 예정입니다.",
  "아울러 생성형 AI 통해 만든 콘텐츠 등도 고지 하에 제공하기로 했습니다.",
  '### "7일 후 거부의사없으면 동의…동의 않으면 이용계약 해지"',
  "![카카오 개정 약관 안내 화면](https://img.theqoo.net/RyCkle)",
  "다만 강제성을 띈다는 점에서 이용자 반발 등 논란이 예상됩니다.",
  "서비스 개선이나 발전 위해선 이용패턴 수집이 필요하다고는 하지만, 거부해도 서비스를 이용할 권리, 옵트아웃 등이 없기 때문입니다.",
  '카카오는 "개정약관 시행일 7일 후까지 거부의사를 표하지 않으면 동의한 것으로 본다"라면서 "변경된 약관에 동의하지 않으면 이용 계약을 해지할 수 있다"고 공지했습니다.',
  "사실상 내년 2월 11일까지 거부의사를 표하지 않으면 동의로 보는데다 거부하면 서비스 이용을 할 수 없게 될 수 있는 겁니다.",
  "이런 조치는 앞선 '딥시크 사태'가 연상됩니다.",
  "딥시크도 딥시크 이용하려면 반드시 이용패턴 등 개인정보 수집 동의하게 해 과도한 수집이란 논란에 직면한 바 있습니다.",
  "이후 신규 다운로드 중단 등 제재 끝에 개인정보보호위원회의 권고를 수용해 옵트아웃 등 개선점을 적용하기도 했습니다.",
  "이를 의식하듯 카카오는 '기계적 분석', '관련 법령을 준수' 등 단서조항을 단 상태입니다.",
  '카카오는 "이용패턴, 이용기록을 수집하고 분석해 요약한 뒤 서비스를 제공하는 전반에서 관련 법령을 준수하고, 개인정보와 프라이버시를 보호하기 위해 최선을 다하겠다"라고 했습니다.',
  "출처: [https://n.news.naver.com/article/374/0000481544?sid=101](https://n.news.naver.com/article/374/0000481544?sid=101)",
].join("\n\n");

const KAKAO_SCRIPTED_COMMENTS: DemoComment[] = [
  { body: "동의 안 하면 해지라니 이게 선택권이 있는 건가요" },
  { body: "카톡 없으면 연락이 안 되는데 사실상 강제네" },
  { body: "그러니까요 대체할 메신저가 없어요", replyTo: 1 },
  { body: "딥시크 때랑 똑같은 논란 나올 듯" },
  { body: "옵트아웃은 꼭 있어야 한다고 봐요" },
  { body: "개인정보위에서 한마디 하겠죠", replyTo: 4 },
  { body: "맞춤형 광고 더 늘어나겠네" },
  { body: "2월 11일까지 거부 안 하면 동의라니 공지 잘 봐야겠다" },
  { body: "거부하면 어떻게 되는지 설명이 더 필요해요", replyTo: 7 },
  { body: "숏폼이랑 오픈채팅까지 다 수집하는 거였구나" },
];

/** Generated comments on ordinary posts pick from these. */
export const DEMO_REACTIONS = [
  "헐 진짜요?",
  "기사 잘 봤어요",
  "이건 좀 아닌 것 같은데",
  "와 대박",
  "결국 이렇게 되네요",
  "생각보다 빨리 나왔네",
  "앞으로가 더 걱정이에요",
  "좋은 소식이다",
  "댓글 보러 왔어요",
  "제목만 보고 놀랐어요",
  "이거 어제부터 말 나오던 거죠?",
  "후속 기사 기다려 봐야겠어요",
  "공감합니다",
  "와 이건 몰랐네",
  "정리 감사해요",
  "ㅋㅋㅋㅋ 아 진짜",
  "이게 맞나 싶네요",
  "주변에서도 다들 얘기하더라",
  "오 드디어",
  "씁쓸하네요",
  "응원합니다",
  "기대된다",
  "좀 더 지켜봐야 할 듯",
  "뉴스 보고 깜짝 놀랐어요",
  "이런 일이 또 있네",
  "다행이다 정말",
  "왜 이제서야…",
  "자세한 내용 궁금하다",
  "현실적인 얘기네요",
  "말이 안 나온다",
  "이건 잘한 결정 같아요",
  "오늘 제일 놀란 뉴스",
  "저도 같은 생각이에요",
  "흥미롭네요",
  "와 숫자 보고 놀람",
  "원문도 읽어봐야겠다",
  "헉 몰랐어요",
  "좋은 방향으로 갔으면",
  "계속 관심 가져야겠어요",
  "그럴 줄 알았다",
];

/** Generated comments on notices pick from these. */
export const DEMO_NOTICE_REPLIES = [
  "확인했습니다",
  "읽었어요!",
  "공지 감사합니다",
  "숙지했습니다",
  "꼼꼼한 안내 감사해요",
  "오 몰랐던 내용이네요",
  "정독했습니다",
  "좋은 팁 감사합니다",
  "저장해 둘게요",
  "이제야 봤네요 감사합니다",
  "도움 많이 됐어요",
  "다들 꼭 읽어 주세요",
  "운영진분들 수고 많으세요",
  "체크했습니다",
  "덕분에 해결했어요",
  "처음 알았어요",
  "잘 지킬게요",
  "친절한 설명 감사합니다",
  "유용한 정보네요",
  "매번 감사합니다",
  "확인 완료",
  "참고하겠습니다",
  "이거 진짜 중요하네요",
  "읽고 갑니다",
];

function newsDemoBody(title: string): string {
  return `**${title}**\n\n스퀘어 데모 게시글입니다. 기사 원문은 언론사 사이트에서 확인해 주세요.`;
}

const SQUARE_NEWS: Array<[id: number, title: string, time: string, commentCount: number, views: number]> = [
  [399628, "'미성년 성매매' 공무원 복직에 술렁...해임됐다가 돌연 '강등' 처분", "10:23", 0, 37],
  [399627, "외국인 '이불 성지'된 광장시장…\"카드NO, 현금!\" 낯뜨거운 K탈세", "10:22", 0, 123],
  [399626, "일회용 컵값 200원 따로…결국 커피값 인상 '시끌'", "10:20", 2, 138],
  [399625, "[단독] ‘60억 추징’ 이하늬, 기획사 미등록 혐의 송치", "10:19", 2, 588],
  [399624, "곱씹을수록 마음이 아려오는 박서준의 사랑법, '경도를 기다리며' [드라마 쪼개보기]", "10:17", 2, 114],
  [399623, "[오피셜] ‘정효 매직’ 수원에서…이정효 수원 삼성 11대 감독 부임", "10:12", 10, 292],
  [399622, "행거 옮기고 카메라 셋팅하더니…의류 무인 매장서 '라방'", "10:11", 26, 1946],
  [399621, "“사제 변우석, 색달랐죠?”", "10:08", 8, 632],
  [399620, "[속보]서학개미 해외주식 팔아 국내 복귀땐 양도세 1년 비과세", "10:06", 55, 2127],
  [399619, "[단독] 메리츠증권도 백기…새해부터 '미국주식 수수료 무료' 중단", "09:59", 124, 6210],
  [399618, "NCT 태용, 1월 단콘 모두 매진", "09:57", 8, 942],
  [399617, "[속보]외환당국 “원화 과도한 약세 바람직하지 않아”···환율 구두개입", "09:54", 30, 1227],
  [399616, "국민연금 '전략적 환헤지' TF 구성", "09:51", 15, 933],
  [399615, "환율, 개장 직후 외환당국 고강도 구두개입에 급락…1,460원대", "09:50", 16, 1185],
  [399614, "박나래 불똥 튄 MBC '연예대상', 축하무대로 지울까...윙·리정·'맘마미아!' 공개 [공식]", "09:47", 2, 1001],
  [399613, "[단독] 남양유업 3세 황하나 캄보디아에서 오늘 오전 입국...경찰 수사", "09:46", 11, 2645],
  [399612, "'하루 한알'로 체중 16%↓…노보, '먹는 위고비' 시대 열었다", "09:41", 8, 1721],
  [399611, "방패 내려놨던 캡틴의 귀환…크리스 에반스, ‘어벤져스’ 복귀 확정", "09:37", 3, 452],
  [399610, "中, 온라인 음란물 유포 친구간에도 금지…관련법 내달 시행", "09:35", 8, 535],
  [399609, "‘흑백요리사2’ 왜 언더독보다 백수저 응원하게 될까 [TV보고서]", "09:31", 108, 8209],
];

type NoticeRow = [
  id: number,
  scope: "board" | "global",
  category: string | null,
  title: string,
  date: string,
  commentCount: number,
  views: number,
  bodyMd: string,
];

/** In the page's order, which is also their notice_order. */
const SQUARE_NOTICES: NoticeRow[] = [
  [
    101,
    "board",
    "event",
    "💗라카 X 더쿠💗 립밤+틴트+립글로스가 하나로?! 컬러 장인 라카의 프루티 립 글로셔너 체험단 모집!",
    "2025-12-19",
    858,
    58716,
    "## 체험단 모집\n\n- 모집 기간: 공지일부터 일주일\n- 참여 방법: 이 글에 댓글로 응모\n\n당첨자는 이벤트 종료 후 공지로 안내합니다.",
  ],
  [
    102,
    "global",
    null,
    "[공지] 언금 공지 해제",
    "2024-12-06",
    0,
    4363268,
    "언급 금지 공지를 해제합니다. 이용 규칙은 그대로 적용되니 서로 배려하며 이용해 주세요.",
  ],
  [
    103,
    "global",
    null,
    "📢📢【매우중요】 비밀번호❗❗❗❗ 변경❗❗❗ 권장 (현재 팝업 알림중)",
    "2024-04-09",
    0,
    11070634,
    "**비밀번호를 변경해 주세요.**\n\n다른 사이트와 같은 비밀번호를 쓰고 있다면 지금 바로 [비밀번호 변경](/settings/password)에서 바꿔 주세요.",
  ],
  [
    104,
    "global",
    null,
    "공지가 길다면 한번씩 눌러서 읽어주시면 됩니다.",
    "2023-11-01",
    0,
    12402835,
    "공지 목록이 길게 보여도 한 번씩 눌러서 읽어 주시면 됩니다. 읽은 공지는 목록에서 접을 수 있도록 준비 중입니다.",
  ],
  [
    105,
    "global",
    null,
    "◤더쿠 이용 규칙◢ [스퀘어 정치글은 정치 카테고리에]",
    "2020-04-29",
    0,
    34379827,
    "## 이용 규칙\n\n1. 서로 존중하는 말투를 써 주세요.\n2. 정치 관련 글은 스퀘어의 **정치** 카테고리에 올려 주세요.\n3. 광고와 도배는 삭제됩니다.",
  ],
  [
    106,
    "board",
    "politics",
    "[스퀘어게시판 정치 카테고리 추가 및 정치 제외 기능 추가]",
    "2025-07-22",
    0,
    1013081,
    "스퀘어에 **정치** 카테고리가 생겼습니다. 정치 글을 보고 싶지 않다면 목록에서 정치 카테고리를 제외할 수 있습니다.",
  ],
  [
    107,
    "board",
    "info",
    "더쿠 모바일에서 유튜브 링크 올릴때 주의할 점",
    "2021-08-23",
    781,
    8454380,
    "모바일 앱에서 공유한 유튜브 링크에는 추적용 값이 붙어 있을 수 있어요. `?si=` 뒤 부분은 지우고 올려 주세요.",
  ],
  [
    108,
    "board",
    "info",
    "나는 더쿠에서 움짤을 한 번이라도 올려본 적이 있다 🙋♀️",
    "2020-09-29",
    266,
    7382360,
    "움짤을 올려 본 적이 있다면 손! 용량이 큰 움짤은 올리기 전에 줄여 주세요.",
  ],
  [
    109,
    "board",
    "tips",
    "더쿠에 쉽게 동영상을 올려보자 !",
    "2020-05-17",
    3590,
    8579020,
    "동영상은 직접 올리기보다 영상 링크를 본문에 붙여 넣는 편이 빠르고 가볍습니다.",
  ],
  [
    110,
    "board",
    "tips",
    "슬기로운 더쿠생활 : 더쿠 이용팁",
    "2020-04-30",
    4012,
    8469417,
    "## 이용팁\n\n- 글 작성은 **Markdown**을 지원합니다.\n- 마음에 드는 글은 스크랩해 두고 나중에 다시 볼 수 있어요.\n- 보기 싫은 카테고리는 목록에서 제외할 수 있어요.",
  ],
  [
    111,
    "board",
    "tips",
    "◤스퀘어 공지◢ [9. 스퀘어 저격판 사용 금지(무통보 차단임)]",
    "2018-08-31",
    1236,
    14286711,
    "스퀘어를 특정인 저격에 쓰지 마세요. 저격 글은 **통보 없이** 삭제되고 작성자는 차단됩니다.",
  ],
];

const NOTICE_TIME = "09:00";

export const DEMO_POSTS: DemoPost[] = [
  {
    id: 399629,
    board: "square",
    category: "news",
    title: "[단독] 카카오, 내년부터 이용패턴·기록 사실상 강제수집",
    bodyMd: KAKAO_ARTICLE_MD,
    at: "2025-12-19 10:10",
    views: 3382,
    commentCount: 45,
    scriptedComments: KAKAO_SCRIPTED_COMMENTS,
  },
  ...SQUARE_NEWS.map(([id, title, time, commentCount, views]) => ({
    id,
    board: "square",
    category: "news",
    title,
    bodyMd: newsDemoBody(title),
    at: `2025-12-19 ${time}`,
    views,
    commentCount,
  })),
  ...SQUARE_NOTICES.map(([id, scope, category, title, date, commentCount, views, bodyMd], index) => ({
    id,
    board: "square",
    category,
    title,
    bodyMd,
    at: `${date} ${NOTICE_TIME}`,
    views,
    commentCount,
    notice: { scope, order: index + 1 },
  })),
  {
    id: 112,
    board: "talk",
    category: null,
    title: "토크 게시판 이용 안내",
    bodyMd: "토크는 **닉네임이 보이는** 게시판입니다. 잡담은 `잡담`, 궁금한 점은 `질문` 카테고리에 올려 주세요.",
    at: "2025-12-01 09:00",
    views: 1520,
    commentCount: 3,
    notice: { scope: "board", order: 1 },
  },
  {
    id: 201,
    board: "talk",
    category: "chat",
    title: "오늘 점심 뭐 드셨어요?",
    bodyMd: "저는 김치찌개 먹었어요. 추운 날엔 역시 국물이죠.",
    at: "2025-12-18 12:40",
    views: 87,
    commentCount: 4,
  },
  {
    id: 202,
    board: "talk",
    category: "qna",
    title: "마크다운으로 글 쓸 때 줄바꿈은 어떻게 하나요?",
    bodyMd: "엔터를 한 번 치면 줄이 안 바뀌더라고요.\n\n빈 줄을 넣어야 문단이 나뉘는 건가요?",
    at: "2025-12-18 15:05",
    views: 64,
    commentCount: 2,
  },
  {
    id: 203,
    board: "talk",
    category: "chat",
    title: "주말에 본 영화 추천합니다",
    bodyMd: "잔잔한 영화 좋아하시면 꼭 보세요.\n\n- 분위기: 따뜻함\n- 길이: 두 시간 조금 안 됨",
    at: "2025-12-18 21:30",
    views: 112,
    commentCount: 5,
  },
  {
    id: 204,
    board: "talk",
    category: "qna",
    title: "스크랩한 글은 어디서 다시 보나요?",
    bodyMd: "스크랩 버튼은 눌렀는데 모아 보는 곳을 못 찾겠어요.",
    at: "2025-12-19 08:15",
    views: 41,
    commentCount: 0,
  },
];
