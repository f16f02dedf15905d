/** The column heads of a table of PostRow rows. */
export function PostTableHead({
  numberLabel = "번호",
  placeLabel = "카테고리",
}: {
  numberLabel?: string;
  placeLabel?: string;
}) {
  return (
    <thead>
      <tr>
        <th scope="col" className="col-no">
          {numberLabel}
        </th>
        <th scope="col" className="col-category">
          {placeLabel}
        </th>
        <th scope="col" className="col-title">
          제목
        </th>
        <th scope="col" className="col-date">
          날짜
        </th>
        <th scope="col" className="col-views">
          조회
        </th>
      </tr>
    </thead>
  );
}
