// The error policy under which this module calls Boost.Math: a domain, pole, overflow or
// evaluation error yields NaN or infinity (checked by the caller) instead of an exception,
// because failures in trialcore are values. Callers validate their arguments first, so
// these are a safety net, not a way of reporting bad input.
#pragma once

#include <boost/math/policies/policy.hpp>

namespace trialcore::stats {

using BoostPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>>;

}  // namespace trialcore::stats
