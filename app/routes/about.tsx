import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("마당 소개", "마당이 어떤 곳인지, 게시판을 어떻게 쓰는지 소개합니다.");

export default function AboutPage() {
  return (
    <main className="about">
      <h1 className="board-title">마당 소개</h1>
      <p>마당은 기사, 정보, 팁을 나누고 이야기하는 커뮤니티 게시판입니다.</p>
      <ul>
        <li>스퀘어는 익명으로, 토크는 닉네임으로 글을 씁니다.</li>
        <li>조회수는 한 사람이 하루에 한 번만 올라가며, 글쓴이 본인과 검색 로봇의 조회는 세지 않습니다.</li>
        <li>공지는 운영진이 게시판 맨 위에 올립니다.</li>
      </ul>
      <p>
        <Link to="/">게시판으로 가기</Link>
      </p>
    </main>
  );
}
