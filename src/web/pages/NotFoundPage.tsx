import { Link } from 'react-router';
import { PageHeading } from '../components/Page.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>There is no page at this address. It may have been moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the review cycles</Link>
      </p>
    </>
  );
}
